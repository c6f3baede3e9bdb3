"""Hidden checks for section 1, "Layers and blocks".

One public function per exercise (named like its grade_id); each takes the
student's class or function and fails with one plain sentence when the
behaviour is wrong. References are computed here by hand (einsum, explicit
loops over our own module lists), never by a copy of the reference solution.
"""
import torch
from torch import nn

from autograder.checks._support import CheckFailed, call, describe, expect, fail, same_values, seeded, t


# ---------------------------------------------------------------------------
# independent references
# ---------------------------------------------------------------------------

def _linear(X, layer):
    """What ``layer`` (an nn.Linear) computes, in float64, written with einsum."""
    weight = layer.weight.detach().double()
    out = torch.einsum("...i,oi->...o", X.double(), weight)
    if layer.bias is not None:
        out = out + layer.bias.detach().double()
    return out


def _apply(X, module):
    """A float64 reference for the few module kinds these checks build."""
    if isinstance(module, nn.Linear):
        return _linear(X, module)
    if isinstance(module, nn.Tanh):
        return torch.tanh(X.double())
    if isinstance(module, nn.ReLU):
        return X.double().clamp(min=0)
    if isinstance(module, nn.Sequential):
        for inner in module._modules.values():
            X = _apply(X, inner)
        return X.double()
    raise TypeError(f"no reference for {type(module).__name__}")  # a bug in this file, not the student's


def _chain(X, modules):
    for module in modules:
        X = _apply(X, module)
    return X


def _ids(tensors):
    return [id(t) for t in tensors]


def _shape(value):
    return tuple(value.shape) if isinstance(value, torch.Tensor) else describe(value)


def _expect_module(obj, what):
    expect(isinstance(obj, nn.Module), t("{what} should be an nn.Module (subclass nn.Module), got {obj_desc}.",
                                         what=what, obj_desc=describe(obj)))


def _expect_linear(layer, name, n_in, n_out, owner):
    expect(
        isinstance(layer, nn.Linear),
        t("{owner} should have an attribute {name} holding an nn.Linear({n_in}, {n_out}), found {layer_desc}.",
          owner=owner, name=name, n_in=n_in, n_out=n_out, layer_desc=describe(layer)),
    )
    expect(
        (layer.in_features, layer.out_features) == (n_in, n_out),
        t("{owner}.{name} should be nn.Linear({n_in}, {n_out}), "
          "found nn.Linear({in_features}, {out_features}).",
          owner=owner, name=name, n_in=n_in, n_out=n_out, in_features=layer.in_features,
          out_features=layer.out_features),
    )


def _expect_float64_after_to(net, modules, what):
    """``net.to(torch.float64)`` must convert the parameters of every module in ``modules``."""
    moved = call(f"{what}.to(torch.float64)", net.to, torch.float64)
    expect(moved is net, t("{what}.to(...) should return the block itself (nn.Module.to returns self).", what=what))
    for module in modules:
        for p in module.parameters():
            expect(
                p.dtype == torch.float64,
                t("{what}.to(torch.float64) left a parameter of {module_type} as {dtype}: "
                  "modules that are not registered do not move with .to() (or .to(device)).",
                  what=what, module_type=type(module).__name__, dtype=p.dtype),
            )


# ---------------------------------------------------------------------------
# mlp
# ---------------------------------------------------------------------------

def mlp(MLP):
    """``MLP()``: hidden = Linear(20, 256), out = Linear(256, 10), forward = out(relu(hidden(X)))."""
    with seeded(10):
        net = call("MLP()", MLP)
        _expect_module(net, "MLP()")
        _expect_linear(getattr(net, "hidden", None), "hidden", 20, 256, "MLP()")
        _expect_linear(getattr(net, "out", None), "out", 256, 10, "MLP()")

        params = _ids(net.parameters())
        expect(
            params,
            t("MLP().parameters() is empty: the layers are not registered; a module registers the layers assigned "
              "to attributes of the instance in __init__, after nn.Module's own __init__ has run (class attributes "
              "are not registered)."),
        )
        expected = _ids(net.hidden.parameters()) + _ids(net.out.parameters())
        expect(
            sorted(params) == sorted(expected),
            t("MLP().parameters() should be exactly the weights and biases of hidden and out "
              "({n_expected} tensors), found {n_params} tensors.", n_expected=len(expected), n_params=len(params)),
        )

        for X in (torch.randn(4, 20), torch.randn(1, 20)):
            out = call("MLP()(X)", net, X)
            expect(
                isinstance(out, torch.Tensor) and tuple(out.shape) == (X.shape[0], 10),
                t("MLP()(X) for X of shape {X_shape} should have shape {wanted}, got {out_shape}.",
                  X_shape=tuple(X.shape), wanted=(X.shape[0], 10), out_shape=_shape(out)),
            )
            ref = _linear(_linear(X, net.hidden).clamp(min=0), net.out)
            if not same_values(out.detach(), ref):
                no_relu = _linear(_linear(X, net.hidden), net.out)
                if same_values(out.detach(), no_relu):
                    fail(t("MLP() forward skips the ReLU: it should return out(relu(hidden(X)))."))
                if same_values(out.detach(), ref.clamp(min=0)):
                    fail(t("MLP() forward applies ReLU to the output too: it should return out(relu(hidden(X))), "
                           "with no activation after out."))
                fail(t("MLP()(X) differs from out(relu(hidden(X))) computed with the block's own layers."))

        X = torch.randn(3, 20)
        call("MLP()(X).sum().backward()", lambda: net(X).sum().backward())
        for name, p in net.named_parameters():
            expect(p.grad is not None, t("after MLP()(X).sum().backward(), {name} has no gradient: "
                                         "forward must compute with the layers (no detach / no_grad).", name=name))


# ---------------------------------------------------------------------------
# my_sequential
# ---------------------------------------------------------------------------

def _sequential_registration(net, modules, what):
    """``net`` must register ``modules`` exactly as nn.Sequential(*modules) does."""
    reference = nn.Sequential(*modules)
    params = _ids(net.parameters())
    expect(
        params or not list(reference.parameters()),
        t("{what}.parameters() is empty: the modules are not registered (a plain Python list hides them from "
          "parameters(), state_dict(), .to() and optimizers); register each with add_module or self._modules.",
          what=what),
    )
    expect(
        params == _ids(reference.parameters()),
        t("{what}.parameters() should list exactly the parameters of the modules passed in, in order.", what=what),
    )
    names = [(name, id(m)) for name, m in net.named_modules() if name]
    expected_names = [(name, id(m)) for name, m in reference.named_modules() if name]
    expect(
        names == expected_names,
        t("{what} should register its modules under the names '0', '1', '2', … in the order given; "
          "named_modules() shows {names}.", what=what, names=[name for name, _ in names]),
    )
    keys = list(call(f"{what}.state_dict()", net.state_dict))
    expected_keys = list(reference.state_dict())
    expect(
        keys == expected_keys,
        t("{what}.state_dict() should have the same keys as nn.Sequential built from the same modules "
          "({expected_keys}), found {keys}.", what=what, expected_keys=expected_keys, keys=keys),
    )
    text = call(f"print({what})", repr, net)
    for index, module in enumerate(modules):
        expect(
            f"({index}): {module!r}" in text,
            t("print({what}) should list every module, like nn.Sequential does; '({index}): {module!r}' is missing.",
              what=what, index=index, module=module),
        )


def _sequential_indexing(net, modules, what):
    length = call(f"len({what})", len, net)
    expect(length == len(modules), t("len({what}) should be {n_modules} (one per module passed in), got {length}.",
                                     what=what, n_modules=len(modules), length=length))
    for index in range(len(modules)):
        item = call(f"{what}[{index}]", lambda i=index: net[i])
        expect(item is modules[index],
               t("{what}[{index}] should return the module passed in position {index}, got {item_desc}.",
                 what=what, index=index, item_desc=describe(item)))
    for index in range(-1, -len(modules) - 1, -1):
        try:
            item = call(f"{what}[{index}]", lambda i=index: net[i])
        except CheckFailed as error:
            fail(t("{what}[{index}] should return the module {from_end} from the end (negative indices count from "
                   "the end, like a list), but {error}.", what=what, index=index, from_end=-index, error=error))
        expect(item is modules[index],
               t("{what}[{index}] should return the module {from_end} from the end (negative indices count from the "
                 "end, like a list), got {item_desc}.",
                 what=what, index=index, from_end=-index, item_desc=describe(item)))


def my_sequential(MySequential):
    """``MySequential(*modules)``: registered as '0', '1', …; forward in order; len and indexing."""
    with seeded(11):
        # registration, seen through parameters / named_modules / state_dict / print
        modules = [nn.Linear(20, 8), nn.ReLU(), nn.Linear(8, 5)]
        what = "MySequential(nn.Linear(20, 8), nn.ReLU(), nn.Linear(8, 5))"
        net = call(what, MySequential, *modules)
        _expect_module(net, what)
        _sequential_registration(net, modules, "MySequential(...)")

        # order: twelve modules of one width, so a wrong order gives wrong values rather than a shape error,
        # and sorting the names ('0', '1', '10', '11', '2', …) changes the order too
        chain = [nn.Linear(4, 4) if i % 3 else nn.Tanh() for i in range(12)]
        long_net = call("MySequential(<12 modules>)", MySequential, *chain)
        X = torch.randn(3, 4)
        out = call("MySequential(<12 modules>)(X)", long_net, X)
        expect(isinstance(out, torch.Tensor) and tuple(out.shape) == (3, 4),
               t("MySequential(<12 modules>)(X) should keep the shape (3, 4), got {out_shape}.",
                 out_shape=_shape(out)))
        if not same_values(out.detach(), _chain(X, chain)):
            if same_values(out.detach(), _chain(X, chain[::-1])):
                fail(t("MySequential runs its modules in reverse: forward must feed X through them in the order "
                       "given."))
            fail(t("MySequential(<12 modules>)(X) differs from feeding X through the modules in the order given "
                   "(0, 1, 2, …, 11): run them in the order they were registered (names sorted as strings put "
                   "'10' before '2')."))

        X = torch.randn(4, 20)
        out = call("MySequential(...)(X)", net, X)
        expect(isinstance(out, torch.Tensor) and tuple(out.shape) == (4, 5),
               t("{what}(X) for X of shape (4, 20) should have shape (4, 5), got {out_shape}.",
                 what=what, out_shape=_shape(out)))
        expect(same_values(out.detach(), _chain(X, modules)),
               t("{what}(X) should equal feeding X through the modules in order.", what=what))
        _sequential_indexing(net, modules, "MySequential(...)")

        # a module passed twice runs twice
        shared = nn.Linear(4, 4)
        modules = [shared, nn.Tanh(), shared]
        what = "MySequential(a, nn.Tanh(), a)"
        net = call(what, MySequential, *modules)
        X = torch.randn(3, 4)
        out = call(f"{what}(X)", net, X)
        expect(
            isinstance(out, torch.Tensor) and same_values(out.detach(), _chain(X, modules)),
            t("{what}(X) should be a(tanh(a(X))): a module passed twice must run twice "
              "(children() and modules() yield each module once; walk every registered entry instead).", what=what),
        )
        _sequential_registration(net, modules, what)
        _sequential_indexing(net, modules, what)

        # .to() reaches every module
        modules = [nn.Linear(5, 3), nn.ReLU(), nn.Linear(3, 2)]
        net = call("MySequential(nn.Linear(5, 3), nn.ReLU(), nn.Linear(3, 2))", MySequential, *modules)
        _expect_float64_after_to(net, modules, "MySequential(...)")
        X = torch.randn(2, 5, dtype=torch.float64)
        out = call("MySequential(...).to(torch.float64)(X)", net, X)
        expect(isinstance(out, torch.Tensor) and out.dtype == torch.float64 and same_values(out.detach(), _chain(X, modules)),
               t("after .to(torch.float64), MySequential(...)(X) should compute in float64 with the same modules."))


# ---------------------------------------------------------------------------
# fixed_hidden_mlp
# ---------------------------------------------------------------------------

def _fixed_hidden_reference(X, W, b, R):
    """The FixedHiddenMLP forward, in float64, with an explicit halving count."""
    X = X.double()
    X = torch.einsum("ni,oi->no", X, W.double()) + b.double()
    X = (torch.einsum("ni,io->no", X, R.double()) + 1).clamp(min=0)
    X = torch.einsum("ni,oi->no", X, W.double()) + b.double()
    halvings = 0
    while X.abs().sum() > 1:
        X = X / 2
        halvings += 1
    return X.sum(), halvings


def fixed_hidden_mlp(FixedHiddenMLP):
    """``FixedHiddenMLP()``: shared ``linear``, constant ``rand_weight`` buffer, halving loop, scalar output."""
    with seeded(12):
        net = call("FixedHiddenMLP()", FixedHiddenMLP)
        _expect_module(net, "FixedHiddenMLP()")
        linear = getattr(net, "linear", None)
        _expect_linear(linear, "linear", 20, 20, "FixedHiddenMLP()")

        params = dict(net.named_parameters())
        expect(
            "rand_weight" not in params,
            t("rand_weight is an nn.Parameter, so parameters() hands it to the optimizer; it must stay constant: "
              "a constant tensor that belongs to a module is a buffer (nn.Module.register_buffer), not a parameter."),
        )
        expect(
            sorted(params) == ["linear.bias", "linear.weight"],
            t("FixedHiddenMLP() should have exactly the parameters of linear (one nn.Linear(20, 20) used twice, "
              "so its weights are shared); found {params}.", params=sorted(params)),
        )

        weight = getattr(net, "rand_weight", None)
        expect(isinstance(weight, torch.Tensor) and tuple(weight.shape) == (20, 20),
               t("FixedHiddenMLP() should have an attribute rand_weight of shape (20, 20), found {weight_shape}.",
                 weight_shape=_shape(weight)))
        expect(not weight.requires_grad, t("rand_weight should not require gradients: it is a constant."))
        buffers = dict(net.named_buffers())
        expect(
            buffers.get("rand_weight") is weight,
            t("rand_weight is not a registered buffer: a plain tensor attribute does not move with .to(device) and "
              "is not saved in state_dict(); register it with the module as a buffer (nn.Module.register_buffer)."),
        )
        expect(
            "rand_weight" in call("FixedHiddenMLP().state_dict()", net.state_dict),
            t("rand_weight is missing from state_dict(), so it would not be saved with the model: a buffer "
              "registered as non-persistent is left out of state_dict()."),
        )
        expect(
            float(weight.min()) >= 0 and float(weight.max()) < 1,
            t("rand_weight should be drawn from U[0, 1) (torch.rand), but its values range from "
              "{low:.3f} to {high:.3f}.", low=float(weight.min()), high=float(weight.max())),
        )
        # 400 draws from U[0, 1): mean 0.5 ± 0.014, std 0.289 ± 0.008 (one standard error); allow many.
        mean, std = float(weight.mean()), float(weight.std())
        expect(abs(mean - 0.5) < 0.1 and abs(std - 0.2887) < 0.07,
               t("rand_weight does not look like U[0, 1) draws (mean {mean:.3f}, std {std:.3f}; expected about "
                 "0.5 and 0.289): draw it from the uniform distribution on [0, 1).", mean=mean, std=std))
        other = call("FixedHiddenMLP()", FixedHiddenMLP)
        other_weight = getattr(other, "rand_weight", None)
        expect(isinstance(other_weight, torch.Tensor) and not torch.equal(other_weight, weight),
               t("two FixedHiddenMLP() instances have the same rand_weight: draw it at random when the block is "
                 "built."))

    # known values, so the number of halvings is fixed and far from a tie
    with seeded(0):
        W, b, R = torch.randn(20, 20) * 0.4, torch.randn(20) * 0.4, torch.rand(20, 20)
        inputs = [torch.randn(3, 20), torch.randn(1, 20)]
    with torch.no_grad():
        linear.weight.copy_(W)
        linear.bias.copy_(b)
        weight.copy_(R)
    for X in inputs:
        out = call("FixedHiddenMLP()(X)", net, X)
        expect(
            torch.equal(net.rand_weight, R),
            t("rand_weight changed when forward ran: draw it once in __init__ and keep it constant, not at every "
              "call."),
        )
        expect(isinstance(out, torch.Tensor) and out.dim() == 0,
               t("FixedHiddenMLP()(X) should return a scalar (the sum of the final X's entries), got {out_shape}.",
                 out_shape=_shape(out)))
        ref, halvings = _fixed_hidden_reference(X, W, b, R)
        if not same_values(out.detach(), ref):
            ratio = float(out.detach().double() / ref)
            if ratio > 1.5:
                fail(t("FixedHiddenMLP()(X) is {ratio:.0f} times too large: the halving must repeat for as long "
                       "as the sum of absolute values exceeds 1 (here {halvings} times), not stop early.",
                       ratio=ratio, halvings=halvings))
            fail(t("FixedHiddenMLP()(X) differs from: linear, relu(X @ rand_weight + 1), the same linear again, "
                   "halve while X.abs().sum() > 1, then X.sum()."))

    X = inputs[0]
    call("FixedHiddenMLP()(X).backward()", lambda: net(X).backward())
    expect(linear.weight.grad is not None and linear.bias.grad is not None,
           t("after FixedHiddenMLP()(X).backward(), linear has no gradient: forward must compute with self.linear."))
    expect(net.rand_weight.grad is None, t("rand_weight received a gradient: it must be a constant buffer."))

    with seeded(13):
        copy = call("FixedHiddenMLP()", FixedHiddenMLP)
    call("FixedHiddenMLP().load_state_dict(another FixedHiddenMLP().state_dict())", copy.load_state_dict,
         call("FixedHiddenMLP().state_dict()", net.state_dict))
    expect(torch.equal(getattr(copy, "rand_weight", None), R),
           t("loading state_dict() into a new FixedHiddenMLP() does not restore rand_weight."))

    call("FixedHiddenMLP().to(torch.float64)", net.to, torch.float64)
    expect(net.rand_weight.dtype == torch.float64,
           t("rand_weight did not move with .to(torch.float64): register it as a buffer so .to(device) moves it."))
    X = X.double()
    out = call("FixedHiddenMLP().to(torch.float64)(X)", net, X)
    expect(isinstance(out, torch.Tensor) and same_values(out.detach(), _fixed_hidden_reference(X, W, b, R)[0]),
           t("after .to(torch.float64), FixedHiddenMLP()(X) should compute the same result in float64."))


# ---------------------------------------------------------------------------
# parallel_block
# ---------------------------------------------------------------------------

def parallel_block(ParallelBlock):
    """``ParallelBlock(net1, net2)``: both registered; forward = cat(net1(X), net2(X)) on the last dimension."""
    with seeded(13):
        net1, net2 = nn.Linear(6, 3), nn.Sequential(nn.Linear(6, 3), nn.Tanh())
        what = "ParallelBlock(net1, net2)"
        block = call(what, ParallelBlock, net1, net2)
        _expect_module(block, what)

        params = set(_ids(block.parameters()))
        expected = set(_ids(net1.parameters())) | set(_ids(net2.parameters()))
        expect(params, t("{what}.parameters() is empty: net1 and net2 are not registered (a plain Python list hides "
                         "them); assign each to an attribute of self or keep them in an nn.ModuleList.", what=what))
        expect(params == expected,
               t("{what}.parameters() should be exactly the parameters of net1 and net2.", what=what))
        children = {id(m) for _, m in block.named_modules()}
        expect(id(net1) in children and id(net2) in children,
               t("{what}.named_modules() should include net1 and net2 themselves.", what=what))
        state = {id(v) for v in call(f"{what}.state_dict()", block.state_dict, keep_vars=True).values()}
        expect(expected <= state, t("{what}.state_dict() should hold the weights of both net1 and net2.", what=what))

        for shape in ((5, 6), (2, 4, 6)):
            X = torch.randn(*shape)
            out = call(f"{what}(X)", block, X)
            first, second = _apply(X, net1), _apply(X, net2)
            wanted = shape[:-1] + (6,)
            if isinstance(out, torch.Tensor) and same_values(out.detach(), first + second):
                fail(t("{what}(X) adds the two outputs; it should concatenate them along the last dimension.",
                       what=what))
            expect(
                isinstance(out, torch.Tensor) and tuple(out.shape) == wanted,
                t("for X of shape {shape}, {what}(X) should have shape {wanted} (net1's 3 and net2's 3 outputs side "
                  "by side on the last dimension), got {out_shape}.",
                  shape=shape, what=what, wanted=wanted, out_shape=_shape(out)),
            )
            if same_values(out.detach(), torch.cat([second, first], dim=-1)):
                fail(t("{what}(X) puts net2's output first: return net1(X), then net2(X).", what=what))
            expect(same_values(out.detach(), torch.cat([first, second], dim=-1)),
                   t("{what}(X) should be net1(X) and net2(X) concatenated along the last dimension.", what=what))

        net3, net4 = nn.Linear(6, 2), nn.Sequential(nn.Linear(6, 5), nn.ReLU())
        block = call("ParallelBlock(nn.Linear(6, 2), <6 -> 5 block>)", ParallelBlock, net3, net4)
        for shape in ((4, 6), (6,)):
            X = torch.randn(*shape)
            out = call("ParallelBlock(...)(X)", block, X)
            wanted = shape[:-1] + (7,)
            expect(
                isinstance(out, torch.Tensor) and tuple(out.shape) == wanted,
                t("with outputs of width 2 and 5 and X of shape {shape}, ParallelBlock(...)(X) should have shape "
                  "{wanted}, got {out_shape}.", shape=shape, wanted=wanted, out_shape=_shape(out)),
            )
            expect(same_values(out.detach(), torch.cat([_apply(X, net3), _apply(X, net4)], dim=-1)),
                   t("ParallelBlock(...)(X) should be net1(X) and net2(X) concatenated along the last dimension."))

        X = torch.randn(3, 6)
        call("ParallelBlock(...)(X).sum().backward()", lambda: block(X).sum().backward())
        expect(net3.weight.grad is not None and net4[0].weight.grad is not None,
               t("after ParallelBlock(...)(X).sum().backward(), both nets should have gradients."))
        _expect_float64_after_to(block, [net3, net4], "ParallelBlock(...)")


# ---------------------------------------------------------------------------
# stack_blocks
# ---------------------------------------------------------------------------

def stack_blocks(stack_blocks):
    """``stack_blocks(factory, n)``: an nn.Sequential of n modules, one factory() call each, nothing shared."""
    with seeded(14):
        for n, build in ((3, lambda: nn.Sequential(nn.Linear(4, 4), nn.Tanh())), (5, lambda: nn.Linear(4, 4)),
                         (1, lambda: nn.Linear(4, 4)), (0, lambda: nn.Linear(4, 4))):
            made = []

            def factory():
                module = build()
                made.append(module)
                return module

            what = f"stack_blocks(factory, {n})"
            net = call(what, stack_blocks, factory, n)
            expect(isinstance(net, nn.Sequential), t("{what} should return an nn.Sequential, got {net_desc}.",
                                                     what=what, net_desc=describe(net)))
            modules = list(net)
            expect(len(modules) == n, t("{what} should hold {n} modules, got {n_modules}.",
                                        what=what, n=n, n_modules=len(modules)))
            distinct = len({id(m) for m in modules})
            expect(
                distinct == n,
                t("{what} repeats one module instance ({distinct} distinct among {n}), so the copies share their "
                  "parameters; call factory() once for each module.", what=what, distinct=distinct, n=n),
            )
            expect(
                len(made) == n,
                t("{what} called factory() {n_made} time(s); each of the {n} modules must come from its own "
                  "factory() call.", what=what, n_made=len(made), n=n),
            )
            expect(sorted(_ids(modules)) == sorted(_ids(made)),
                   t("{what} should hold exactly the modules that factory() returned.", what=what))
            per_module = len(list(made[0].parameters())) if made else 0
            expect(len(set(_ids(net.parameters()))) == n * per_module,
                   t("the modules in {what} share parameters; each must have its own.", what=what))
            X = torch.randn(2, 4)
            out = call(f"{what}(X)", net, X)
            expect(isinstance(out, torch.Tensor) and same_values(out.detach(), _chain(X, modules)),
                   t("{what}(X) should feed X through the {n} modules in turn.", what=what, n=n))
