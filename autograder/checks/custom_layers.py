"""Hidden checks for section 3, custom layers (assignment ``03_custom_layers``).

Each public function takes the student's class and returns None when it behaves as the
exercise asks, or raises CheckFailed with one plain sentence. Outputs are compared with
NumPy references computed in float64; gradients are checked with ``torch.autograd.gradcheck``
in double precision, feeding parameters in through ``torch.func.functional_call``.
"""
import numpy as np
import torch
from torch import nn
from torch.func import functional_call

from autograder.checks._support import call, describe, expect, fail, same_values, seeded, t


# ----------------------------------------------------------------------------- helpers


def _build(cls, what, *args):
    """Instantiate the student's layer as ``what`` (e.g. "MyLinear(5, 3)") and check it is a module."""
    layer = call(t("Creating {what}", what=what), cls, *args)
    expect(
        isinstance(layer, nn.Module),
        t("{what} gave {layer_desc}, but a layer must be an nn.Module (subclass nn.Module).",
          what=what, layer_desc=describe(layer)),
    )
    return layer


def _expect_no_parameters(layer, what):
    names = [name for name, _ in layer.named_parameters()]
    expect(not names, t("{what} should have no parameters, but it has {names}.", what=what, names=names))


def _expect_parameters(layer, what, shapes):
    """The layer's parameters are exactly ``shapes`` (name -> shape), each a trainable nn.Parameter."""
    params = dict(layer.named_parameters())
    if set(params) != set(shapes):
        found = sorted(params) if params else t("none")
        fail(
            t("{what} should have exactly the parameters {shapes}, found {found}; "
              "plain tensors stored as attributes are not parameters, wrap them in nn.Parameter.",
              what=what, shapes=sorted(shapes), found=found)
        )
    for name, shape in shapes.items():
        param = params[name]
        expect(
            tuple(param.shape) == shape,
            t("{what}.{name} should have shape {shape}, found {param_shape}.",
              what=what, name=name, shape=shape, param_shape=tuple(param.shape)),
        )
        expect(param.requires_grad, t("{what}.{name} should be trainable (requires_grad=True).", what=what, name=name))


def _forward(layer, what, X):
    """Run the layer on X, checking that it returns a tensor and leaves X untouched."""
    before = X.clone()
    out = call(f"{what} on {describe(X)}", layer, X)
    expect(
        isinstance(out, torch.Tensor),
        t("{what} on {X_desc} should return a tensor, got {out_desc}.",
          what=what, X_desc=describe(X), out_desc=describe(out)),
    )
    expect(
        torch.equal(X, before),
        t("{what} changed its input in place; return a new tensor and leave X as it was.", what=what),
    )
    return out


def _expect_gradients(what, fn, inputs, names, hint):
    """``fn(*inputs)`` must send gradients to every input, and they must be right (gradcheck)."""
    inputs = tuple(x.detach().clone().requires_grad_(True) for x in inputs)
    out = call(what, fn, *inputs)
    expect(isinstance(out, torch.Tensor), t("{what} should return a tensor, got {out_desc}.",
                                            what=what, out_desc=describe(out)))
    expect(
        out.dtype == inputs[-1].dtype,
        t("{what} returned a {out_dtype} tensor: the output's dtype should follow the input's "
          "({input_dtype} here), so any tensor the layer creates itself must take the input's dtype "
          "(a new tensor made without one is float32).", what=what, out_dtype=out.dtype, input_dtype=inputs[-1].dtype),
    )
    expect(out.requires_grad, t("The output of {what} is not connected to autograd; {hint}", what=what, hint=hint))
    with seeded(99):
        weights = torch.randn(out.shape, dtype=out.dtype)
    call(t("Backpropagating through {what}", what=what), (out * weights).sum().backward)
    for x, name in zip(inputs, names):
        expect(x.grad is not None, t("After backward, {name} has no gradient in {what}; {hint}",
                                     name=name, what=what, hint=hint))
    ok = call(t("Checking the gradients of {what}", what=what), torch.autograd.gradcheck, fn, inputs,
              raise_exception=False)
    expect(ok, t("The gradients of {what} with respect to {names} are wrong; {hint}",
                 what=what, names=', '.join(names), hint=hint))


# ----------------------------------------------------------------------------- exercises


def centered_layer(CenteredLayer):
    """No parameters; forward(X) = X - X.mean() over all elements; differentiable."""
    layer = _build(CenteredLayer, "CenteredLayer()")
    _expect_no_parameters(layer, "CenteredLayer()")
    for seed, shape in enumerate([(5,), (3, 4), (2, 3, 4)]):
        with seeded(seed):
            X = torch.randn(shape) * 3 + 2
        out = _forward(layer, "CenteredLayer()", X)
        x = X.double().numpy()
        expected = torch.from_numpy(x - x.mean())
        expect(
            tuple(out.shape) == shape,
            t("CenteredLayer() on {X_desc} should keep that shape, found {out_shape}.",
              X_desc=describe(X), out_shape=tuple(out.shape)),
        )
        expect(
            same_values(out, expected),
            t("CenteredLayer() on {X_desc} should return X minus the mean of all its elements; "
              "the values are wrong (a mean over one dimension is not the mean of all elements).", X_desc=describe(X)),
        )
    with seeded(7):
        X = torch.randn(3, 4, dtype=torch.float64)
    _expect_gradients(
        t("CenteredLayer() on float64 inputs"), layer, (X,), ["X"],
        t("the mean must stay inside the computation (no .item(), .detach() or .data)."),
    )


def my_linear(MyLinear):
    """Parameters weight (in, units) and bias (units,) ~ N(0, 1); forward = relu(X @ W + b)."""
    layer = _build(MyLinear, "MyLinear(5, 3)", 5, 3)
    _expect_parameters(layer, "MyLinear(5, 3)", {"weight": (5, 3), "bias": (3,)})

    # Initialisation: standard normal. 200 000 weights and 2 000 biases; each bound on the
    # mean, the standard deviation and the share of values inside (-1, 1) (0.6827 for N(0, 1))
    # is at least 6 standard errors of its estimate, while U(0, 1), U(-1, 1), U(-√3, √3),
    # zeros, ones and PyTorch's default Kaiming-uniform fall far outside them.
    with seeded(1):
        big = _build(MyLinear, "MyLinear(100, 2000)", 100, 2000)
    _expect_parameters(big, "MyLinear(100, 2000)", {"weight": (100, 2000), "bias": (2000,)})
    for name, tol_mean, tol_std, tol_inside in [("weight", 0.02, 0.02, 0.02), ("bias", 0.15, 0.12, 0.07)]:
        values = getattr(big, name).detach().double()
        mean, std = values.mean().item(), values.std().item()
        inside = (values.abs() < 1).double().mean().item()
        expect(
            abs(mean) < tol_mean and abs(std - 1) < tol_std and abs(inside - 0.6827) < tol_inside,
            t("MyLinear's {name} should be drawn from the standard normal (torch.randn), but the "
              "values of MyLinear(100, 2000).{name} have mean {mean:.3f} and standard deviation {std:.3f}.",
              name=name, mean=mean, std=std),
        )

    # Forward pass with known parameters, so the check does not depend on the initial draw.
    for seed, (in_units, units, batch) in enumerate([(5, 3, 4), (2, 7, 1), (6, 4, 3)]):
        what = f"MyLinear({in_units}, {units})"
        layer = _build(MyLinear, what, in_units, units)
        _expect_parameters(layer, what, {"weight": (in_units, units), "bias": (units,)})
        with seeded(10 + seed):
            W = torch.randn(in_units, units)
            b = torch.randn(units)
            X = torch.randn(batch, in_units)
        with torch.no_grad():
            layer.weight.copy_(W)
            layer.bias.copy_(b)
        out = _forward(layer, what, X)
        expected = torch.from_numpy(np.maximum(X.double().numpy() @ W.double().numpy() + b.double().numpy(), 0))
        expect(
            tuple(out.shape) == (batch, units),
            t("{what} on {X_desc} should return shape {wanted}, found {out_shape}.",
              what=what, X_desc=describe(X), wanted=(batch, units), out_shape=tuple(out.shape)),
        )
        expect(
            same_values(out, expected),
            t("{what} on {X_desc} returned wrong values; expected relu(X @ weight + bias) "
              "computed from the layer's current weight and bias.", what=what, X_desc=describe(X)),
        )

    # Gradients reach weight, bias and X, and they are the right ones.
    layer = _build(MyLinear, "MyLinear(4, 3)", 4, 3)
    _expect_parameters(layer, "MyLinear(4, 3)", {"weight": (4, 3), "bias": (3,)})
    with seeded(20):
        W = torch.randn(4, 3, dtype=torch.float64)
        b = torch.randn(3, dtype=torch.float64)
        X = torch.randn(5, 4, dtype=torch.float64)

    def run(W, b, X):
        return functional_call(layer, {"weight": W, "bias": b}, (X,))

    _expect_gradients(
        t("MyLinear(4, 3) on float64 inputs"), run, (W, b, X), ["weight", "bias", "X"],
        t("use self.weight and self.bias themselves in forward, not .data or detached copies."),
    )


def _reduction_reference(W, X):
    """Y[b, k] = sum_i sum_j W[i, j, k] X[b, i] X[b, j], by broadcasting in NumPy (float64)."""
    w, x = W.double().numpy(), X.double().numpy()
    products = x[:, :, None, None] * x[:, None, :, None] * w[None, :, :, :]
    return torch.from_numpy(products.sum(axis=(1, 2)))


def tensor_reduction(TensorReduction):
    """One parameter weight (in, in, out); Y[b, k] = sum_ij weight[i, j, k] X[b, i] X[b, j]."""
    for seed, (n_in, n_out, batch) in enumerate([(4, 3, 5), (2, 1, 1), (3, 5, 2)]):
        what = f"TensorReduction({n_in}, {n_out})"
        layer = _build(TensorReduction, what, n_in, n_out)
        _expect_parameters(layer, what, {"weight": (n_in, n_in, n_out)})
        with seeded(30 + seed):
            W = torch.randn(n_in, n_in, n_out)  # not symmetric in (i, j): any index order is caught
            X = torch.randn(batch, n_in)
        with torch.no_grad():
            layer.weight.copy_(W)
        out = _forward(layer, what, X)
        expect(
            tuple(out.shape) == (batch, n_out),
            t("{what} on {X_desc} should return shape {wanted}, found {out_shape}.",
              what=what, X_desc=describe(X), wanted=(batch, n_out), out_shape=tuple(out.shape)),
        )
        expect(
            same_values(out, _reduction_reference(W, X)),
            t("{what} on {X_desc} returned wrong values; expected "
              "Y[b, k] = sum over i and j of weight[i, j, k] * X[b, i] * X[b, j], each sample on its own.",
              what=what, X_desc=describe(X)),
        )

    layer = _build(TensorReduction, "TensorReduction(3, 2)", 3, 2)
    _expect_parameters(layer, "TensorReduction(3, 2)", {"weight": (3, 3, 2)})
    with seeded(40):
        W = torch.randn(3, 3, 2, dtype=torch.float64)
        X = torch.randn(4, 3, dtype=torch.float64)

    def run(W, X):
        return functional_call(layer, {"weight": W}, (X,))

    _expect_gradients(
        t("TensorReduction(3, 2) on float64 inputs"), run, (W, X), ["weight", "X"],
        t("use self.weight itself in forward (not .data)."),
    )


def fourier_half(FourierHalf):
    """No parameters; the first (n + 1) // 2 coefficients of torch.fft.fft(X, dim=-1)."""
    layer = _build(FourierHalf, "FourierHalf()")
    _expect_no_parameters(layer, "FourierHalf()")
    shapes = [(8,), (7,), (1,), (3, 5), (4, 6), (2, 3, 7), (2, 1, 4)]
    for seed, shape in enumerate(shapes):
        with seeded(50 + seed):
            X = torch.randn(shape)
        out = _forward(layer, "FourierHalf()", X)
        n = shape[-1]
        keep = (n + 1) // 2
        expected = torch.from_numpy(np.fft.fft(X.double().numpy(), axis=-1)[..., :keep])
        expect(
            out.is_complex(),
            t("FourierHalf() on {X_desc} should return the complex Fourier coefficients, "
              "found dtype {out_dtype} (not magnitudes or real parts).", X_desc=describe(X), out_dtype=out.dtype),
        )
        expect(
            tuple(out.shape) == tuple(expected.shape),
            t("FourierHalf() on {X_desc} should return shape {expected_shape} "
              "(the first (n + 1) // 2 = {keep} of n = {n} coefficients, leading dimensions kept), "
              "found {out_shape}.",
              X_desc=describe(X), expected_shape=tuple(expected.shape), keep=keep, n=n, out_shape=tuple(out.shape)),
        )
        expect(
            same_values(out, expected, atol=1e-4, rtol=1e-4),
            t("FourierHalf() on {X_desc} returned wrong values; expected the first {keep} "
              "coefficients of torch.fft.fft along the last dimension.", X_desc=describe(X), keep=keep),
        )
