"""On a machine with CUDA: the GPU lesson and the GPU assignment's reference solution really use the GPU, and so
does a student kernel in the grading sandbox.

Each notebook runs in a fresh kernel (nbclient) with one extra cell at the end that checks
that ``try_gpu()`` is ``cuda:0`` and that a model and tensors end up there. Skipped without CUDA;
on CPU-only machines the same notebooks are covered by nbval and tests/test_answers.py.
"""
import nbformat
import pytest
import torch
from nbclient import NotebookClient

from autograder import course
from autograder.grading import execute, sandbox

LESSON_CHECKS = '''
cuda0 = torch.device("cuda:0")
assert try_gpu() == cuda0, f"try_gpu() gave {try_gpu()!r} on a CUDA machine"
assert try_all_gpus() == [torch.device(f"cuda:{i}") for i in range(torch.cuda.device_count())]
assert X.device == cuda0 and Z.device == cuda0, "tensors made with device=try_gpu() should be on cuda:0"
assert all(t.device == cuda0 for t in [*net.parameters(), *net.buffers()]), "net.to(try_gpu()) should move the model"
assert net(X).device == cuda0
assert "cuda:0" in timings, f"the timing plot should include the GPU, it has {sorted(timings)}"
'''

ASSIGNMENT_CHECKS = '''
cuda0 = torch.device("cuda:0")
assert try_gpu() == cuda0, f"try_gpu() gave {try_gpu()!r} on a CUDA machine"
assert try_all_gpus() == [torch.device(f"cuda:{i}") for i in range(torch.cuda.device_count())]
model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3)).to(try_gpu())
assert model_device(model) == cuda0, "a model moved with .to(try_gpu()) should be on cuda:0"
model.register_buffer("mask", torch.ones(3), persistent=False)  # left behind on the CPU, and not in state_dict()
try:
    model_device(model)
except ValueError as error:
    assert "cuda" in str(error) and "cpu" in str(error), f"the error should name both devices: {error}"
else:
    raise AssertionError("a non-persistent buffer on the CPU beside parameters on cuda:0 should raise ValueError")
model = model.to(cuda0)
cpu_batch = {"x": torch.ones(2, 4), "y": (torch.zeros(2), "label")}
batch = to_device(cpu_batch, try_gpu())
assert batch["x"].device == cuda0 and batch["y"][0].device == cuda0 and batch["y"][1] == "label"
assert to_device(batch, cuda0)["x"] is batch["x"], "tensors already on cuda:0 should not be copied"
assert model(batch["x"]).device == cuda0
A = torch.ones(512, 512, device=cuda0)
assert 0 < benchmark(lambda: A @ A, cuda0, repeat=3) < 10
'''

NOTEBOOKS = {
    "lesson": (course.ROOT / "notebooks" / "05_gpu.ipynb", LESSON_CHECKS),
    "assignment": (course.notebook_path("source", "05_gpu"), ASSIGNMENT_CHECKS),
}


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("which", sorted(NOTEBOOKS))
def test_notebook_uses_the_gpu(which):
    path, checks = NOTEBOOKS[which]
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(checks.strip()))
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(course.ROOT)}})
    client.execute()  # raises CellExecutionError, with the failing cell, when anything fails


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("forked", [True, False], ids=["forked kernel", "kernel of its own"])
def test_a_sandboxed_kernel_uses_the_gpu(forked, monkeypatch):
    if forked and not sandbox.ForkServer.possible():
        pytest.skip("no fork server here (needs root and bubblewrap)")
    if not forked:
        monkeypatch.setattr(sandbox.ForkServer, "get", classmethod(lambda cls, threads: None))
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell("import torch\nx = torch.ones(1000, 1000, device='cuda')\n"
                                          "print(torch.cuda.get_device_name(), float((x @ x).sum()))")]
    result = execute.run({"key": f"gpu/{forked}", "notebook": nbformat.writes(nb), "files": {},
                          "limits": {"threads": 1}})
    outputs = nbformat.reads(result["notebook"], as_version=4).cells[0].outputs
    print(sandbox.protection()[1], outputs)
    assert [o.output_type for o in outputs] == ["stream"], f"the sandboxed kernel failed on the GPU: {outputs}"
    assert outputs[0].text.strip().endswith("1000000000.0")
