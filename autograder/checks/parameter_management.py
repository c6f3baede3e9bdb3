"""Hidden checks for section 2, "Parameter management".

One public function per exercise of ``source/02_parameter_management``; each takes the student's
function and returns None, or raises ``CheckFailed`` with one plain sentence.

The init checks are statistical. Every random draw happens under ``seeded(seed)``; the tolerances
come from the distribution being tested (six standard errors for means and spreads, a
Kolmogorov-Smirnov distance that chance exceeds with probability below 1e-7), so a right answer
passes for any seed and the classic mistakes fail by many standard errors. The ``seed`` keyword
exists so that this can be verified over many seeds; hidden cells use the default.
"""
import math
import operator
import warnings

import torch
from torch import nn

from autograder.checks._support import call, describe, expect, fail, same_values, seeded, t

# How many standard errors a statistic may stray before a check calls it wrong.
_SIGMAS = 6.0
# sqrt(n) * (Kolmogorov-Smirnov distance) exceeds this with probability 2*exp(-2*3.0**2) < 3e-8.
_KS_LIMIT = 3.0


# --------------------------------------------------------------------------------------------
# count_parameters
# --------------------------------------------------------------------------------------------

class _Scorer(nn.Module):
    """A custom module with a raw Parameter, a registered buffer and a tied embedding/decoder."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.decode = nn.Linear(4, 10)
        self.decode.weight = self.embed.weight  # tied: 40 values, counted once
        self.temperature = nn.Parameter(torch.ones(()))
        self.register_buffer("scale", torch.ones(10))

    def forward(self, tokens):
        return self.decode(self.embed(tokens)) * self.scale / self.temperature


def _tied_mlp():
    shared = nn.Linear(8, 8)
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), nn.Linear(8, 1))


def _frozen_first_layer():
    net = nn.Sequential(nn.Linear(10, 20), nn.ReLU(), nn.Linear(20, 3))
    for p in net[0].parameters():
        p.requires_grad_(False)
    return net


def _count_cases():
    """(description, network, trainable scalars worked out by hand, hint when a count is wrong)."""
    return [
        ("nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))",
         nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1)),
         4 * 8 + 8 + 8 * 1 + 1,
         t("count every scalar in every weight and bias")),
        ("nn.Linear(5, 3, bias=False)", nn.Linear(5, 3, bias=False), 5 * 3,
         t("a layer without bias has only its weight")),
        ("nn.ReLU()", nn.ReLU(), 0, t("a module without parameters has 0")),
        (t("a net whose shared nn.Linear(8, 8) appears twice"), _tied_mlp(),
         4 * 8 + 8 + 8 * 8 + 8 + 8 * 1 + 1,
         t("a tied layer is one set of parameters and counts once")),
        (t("a net whose first nn.Linear(10, 20) is frozen (requires_grad=False)"), _frozen_first_layer(),
         20 * 3 + 3,
         t("frozen parameters (requires_grad=False) are not trainable and do not count")),
        ("nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4))",
         nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4)),
         3 * 4 + 4 + 4 + 4,
         t("buffers such as BatchNorm's running_mean and running_var are not parameters")),
        (t("a module with an embedding tied to its decoder, a scalar parameter and a buffer"), _Scorer(),
         10 * 4 + 10 + 1,
         t("the tied embedding/decoder weight counts once and the buffer not at all")),
    ]


def count_parameters(fn, seed=0):
    """The number of trainable scalars: tied parameters once, frozen ones and buffers not at all."""
    with seeded(seed):
        cases = _count_cases()
    for what, net, want, hint in cases:
        flags = [p.requires_grad for p in net.parameters()]
        got = call(f"count_parameters({what})", fn, net)
        try:
            number = None if isinstance(got, bool) else operator.index(got)
        except TypeError:
            number = None
        expect(number is not None,
               t("count_parameters should return a whole number (an int); it returned "
                 "{got_desc}.", got_desc=describe(got) if isinstance(got, torch.Tensor) else repr(got)))
        got = number
        expect(got == want, t("count_parameters({what}) returned {got}; expected {want} ({hint}).",
                              what=what, got=got, want=want, hint=hint))
        expect([p.requires_grad for p in net.parameters()] == flags,
               t("count_parameters should only count; it changed which parameters require gradients."))


# --------------------------------------------------------------------------------------------
# The four init functions
# --------------------------------------------------------------------------------------------

class _ScaledLinear(nn.Linear):
    """A subclass of nn.Linear: an init for nn.Linear must treat it as one."""

    def forward(self, x):
        return 2 * super().forward(x)


class _Gate(nn.Module):
    """Not an nn.Linear, but it has attributes called weight and bias."""

    def __init__(self, n):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(n))
        self.bias = nn.Parameter(torch.empty(n))

    def forward(self, x):
        return torch.sigmoid(x * self.weight + self.bias)


def _init_test_net(main, sub):
    """A net with two linear layers of the given (in, out) sizes, one of them a subclass of nn.Linear,
    among modules that are not nn.Linear but carry weights, biases and buffers."""
    net = nn.Sequential(
        nn.Linear(*main),
        nn.LayerNorm(main[1]),
        nn.Sequential(_ScaledLinear(*sub), nn.ReLU(), nn.BatchNorm1d(sub[1])),
        nn.Conv1d(3, 5, kernel_size=3),
        nn.Embedding(20, 7),
        _Gate(6),
    )
    with torch.no_grad():  # give every non-linear module values no init would produce by accident
        for m in net.modules():
            if isinstance(m, nn.Linear):
                continue
            for tensor in list(m.parameters(recurse=False)) + list(m.buffers(recurse=False)):
                if tensor.is_floating_point():
                    tensor.uniform_(0.5, 1.5)
                else:
                    tensor.fill_(3)
    return net


def _linear_layers(net):
    """(label, module) for the two linear layers of an _init_test_net."""
    main, sub = net[0], net[2][0]
    return [
        (t("net[0], an nn.Linear({n_in}, {n_out})", n_in=main.in_features, n_out=main.out_features), main),
        (t("net[2][0], a subclass of nn.Linear({n_in}, {n_out})", n_in=sub.in_features, n_out=sub.out_features), sub),
    ]


def _apply_in_place(fn, name, net):
    """net.apply(fn), then check that it changed parameters in place and left non-linear modules alone.

    Returns {linear module: (weight before, bias before)} so the caller can see what changed."""
    before = {m: (m.weight.detach().clone(), m.bias.detach().clone()) for _, m in _linear_layers(net)}
    params = dict(net.named_parameters())
    layouts = {pname: (p.shape, p.dtype) for pname, p in params.items()}
    others = {}
    for mod_name, m in net.named_modules():
        if isinstance(m, nn.Linear):
            continue
        for t_name, tensor in list(m.named_parameters(recurse=False)) + list(m.named_buffers(recurse=False)):
            others[f"{mod_name}.{t_name}"] = (m, t_name, tensor, tensor.detach().clone())

    with torch.enable_grad():  # called where tracking is on, it must stay on (each block restores the mode)
        call(f"net.apply({name})", net.apply, fn)
        switched_off = not torch.is_grad_enabled()
    expect(not switched_off,
           t("{name} left gradient tracking switched off for everything after it; an init must leave the "
             "grad mode as it found it (torch.no_grad() used as a context manager restores it).", name=name))
    with torch.no_grad():  # called where tracking is off, it must stay off
        call(t("net.apply({name}) under torch.no_grad()", name=name), nn.Sequential(nn.Linear(3, 2)).apply, fn)
        switched_on = torch.is_grad_enabled()
    expect(not switched_on,
           t("{name} switched gradient tracking on when it was called with tracking off; an init must leave "
             "the grad mode as it found it, whichever it was.", name=name))

    new_params = dict(net.named_parameters())
    for pname, p in params.items():
        q = new_params.get(pname)
        expect(q is p,
               t("{name} replaced the parameter {pname} with a new object, so an optimizer created before "
                 "net.apply would no longer train it; change the existing tensor in place "
                 "(nn.init.*_ functions, or methods ending in _ under torch.no_grad()).", name=name, pname=pname))
    known = {id(p) for p in params.values()}
    expect(all(id(p) in known for p in net.parameters()),
           t("after net.apply({name}) the network has parameters an optimizer created before would not know; "
             "change the existing parameters in place.", name=name))
    for pname, p in net.named_parameters():
        expect(p.requires_grad, t("after net.apply({name}), {pname} no longer requires gradients.",
                                  name=name, pname=pname))
        expect(p.is_leaf and p.grad_fn is None,
               t("after net.apply({name}), {pname} has autograd history; initialize under torch.no_grad().",
                 name=name, pname=pname))
        expect((p.shape, p.dtype) == layouts[pname],
               t("{name} changed the shape or dtype of {pname}.", name=name, pname=pname))

    for label, (m, t_name, tensor, old) in others.items():
        now = getattr(m, t_name)
        kind = type(m).__name__
        expect(now is tensor and torch.equal(now, old),
               t("{name} changed {label} of the {kind} module; it must only touch nn.Linear layers (and "
                 "subclasses of nn.Linear): choose modules by their type, not by whether they have a weight or bias.",
                 name=name, label=label, kind=kind))
    return before


def _untouched_message(name, label, module):
    if type(module) is not nn.Linear:
        return t("{name} did not initialize {label}: a subclass of nn.Linear is an nn.Linear too, but a test "
                 "that compares the type exactly misses it (isinstance accepts subclasses).", name=name, label=label)
    return t("{name} did not change the weight of {label}.", name=name, label=label)


def _standard_normal_cdf(x):
    return 0.5 * (1 + torch.erf(x / math.sqrt(2)))


def _ks_distance(samples, cdf):
    """Kolmogorov-Smirnov distance between the samples' empirical distribution and ``cdf``."""
    x = samples.detach().double().flatten().sort().values
    n = x.numel()
    f = cdf(x)
    steps = torch.arange(1, n + 1, dtype=torch.float64) / n
    return max((steps - f).abs().max().item(), (f - (steps - 1 / n)).abs().max().item())


def _check_bias_zero(name, label, m):
    b = m.bias.detach()
    expect(torch.count_nonzero(b).item() == 0,
           t("after {name} the bias of {label} should be all zeros; its largest entry in size is "
             "{largest:.4g}.", name=name, label=label, largest=b.abs().max().item()))


def init_normal(fn, seed=0):
    """Linear weights ~ N(0, 0.01^2), biases 0, in place; nothing else touched."""
    name, std = "init_normal", 0.01
    with seeded(seed):
        net = _init_test_net(main=(256, 256), sub=(256, 64))
        before = _apply_in_place(fn, name, net)
    for label, m in _linear_layers(net):
        w = m.weight.detach().double().flatten()
        expect(not torch.equal(m.weight.detach(), before[m][0]), _untouched_message(name, label, m))
        n = w.numel()
        mean, sd = w.mean().item(), w.std().item()
        # The sample standard deviation of n normal draws has standard error std / sqrt(2n).
        expect(abs(sd - std) <= _SIGMAS * std / math.sqrt(2 * n),
               t("after {name} the weights of {label} have standard deviation {sd:.4g}; expected 0.01 "
                 "(N(0, 0.01²): the standard deviation is 0.01, the variance 0.0001).", name=name, label=label, sd=sd))
        expect(abs(mean) <= _SIGMAS * std / math.sqrt(n),
               t("after {name} the weights of {label} have mean {mean:.3g}; expected 0.",
                 name=name, label=label, mean=mean))
        d = _ks_distance(w, lambda x: _standard_normal_cdf(x / std))
        expect(d * math.sqrt(n) <= _KS_LIMIT,
               t("after {name} the weights of {label} do not look normally distributed "
                 "(their distribution differs from N(0, 0.01²) by up to {d:.3f}).", name=name, label=label, d=d))
        _check_bias_zero(name, label, m)


def init_constant(fn, seed=0):
    """Linear weights = 1, biases = 0, in place; nothing else touched."""
    name = "init_constant"
    with seeded(seed):
        net = _init_test_net(main=(40, 30), sub=(30, 20))
        before = _apply_in_place(fn, name, net)
    for label, m in _linear_layers(net):
        w = m.weight.detach()
        expect(not torch.equal(w, before[m][0]), _untouched_message(name, label, m))
        wrong = w[w != 1]
        expect(wrong.numel() == 0,
               t("after {name} every weight of {label} should be 1; found {wrong_numel} that are not "
                 "(e.g. {first_wrong:.4g}).",
                 name=name, label=label, wrong_numel=wrong.numel(),
                 first_wrong=wrong.flatten()[0].item() if wrong.numel() else 0))
        _check_bias_zero(name, label, m)


def init_xavier(fn, seed=0):
    """Linear weights ~ U(-a, a), a = sqrt(6 / (fan_in + fan_out)), biases 0, in place."""
    name = "init_xavier"
    with seeded(seed):
        net = _init_test_net(main=(400, 100), sub=(100, 160))
        before = _apply_in_place(fn, name, net)
    for label, m in _linear_layers(net):
        fan_in, fan_out = m.in_features, m.out_features
        a = math.sqrt(6.0 / (fan_in + fan_out))
        expect(not torch.equal(m.weight.detach(), before[m][0]), _untouched_message(name, label, m))
        w = m.weight.detach().double().flatten()
        n = w.numel()
        bound = f"a = sqrt(6 / (fan_in + fan_out)) = sqrt(6 / ({fan_in} + {fan_out})) = {a:.4f}"
        biggest = w.abs().max().item()
        expect(biggest <= a * (1 + 1e-6),
               t("after {name} a weight of {label} is {biggest:.4f} in size, outside [-a, a] with {bound}.",
                 name=name, label=label, biggest=biggest, bound=bound))
        # n uniform draws all stay below a * (1 - t) with probability (1 - t)^n < exp(-25).
        expect(biggest >= a * (1 - 25.0 / n),
               t("after {name} the weights of {label} reach only {biggest:.4f} in size; "
                 "U(-a, a) with {bound} would come much closer to a.",
                 name=name, label=label, biggest=biggest, bound=bound))
        spread = a / math.sqrt(3)  # the standard deviation of U(-a, a)
        mean, sd = w.mean().item(), w.std().item()
        # For U(-a, a) the sample standard deviation has standard error about sqrt(0.2 / n) * spread.
        expect(abs(sd - spread) <= _SIGMAS * spread * math.sqrt(0.2 / n),
               t("after {name} the weights of {label} have standard deviation {sd:.4f}; U(-a, a) with "
                 "{bound} has {spread:.4f}.", name=name, label=label, sd=sd, bound=bound, spread=spread))
        expect(abs(mean) <= _SIGMAS * spread / math.sqrt(n),
               t("after {name} the weights of {label} have mean {mean:.3g}; expected 0.",
                 name=name, label=label, mean=mean))
        d = _ks_distance(w, lambda x: ((x + a) / (2 * a)).clamp(0, 1))
        expect(d * math.sqrt(n) <= _KS_LIMIT,
               t("after {name} the weights of {label} do not look uniform on [-a, a] with {bound}.",
                 name=name, label=label, bound=bound))
        _check_bias_zero(name, label, m)


def my_init(fn, seed=0):
    """Linear weights ~ U(-10, 10) with entries of size below 5 set to 0; biases kept."""
    name = "my_init"
    with seeded(seed):
        net = _init_test_net(main=(200, 100), sub=(100, 80))
        before = _apply_in_place(fn, name, net)
    for label, m in _linear_layers(net):
        expect(not torch.equal(m.weight.detach(), before[m][0]), _untouched_message(name, label, m))
        w = m.weight.detach().double().flatten()
        n = w.numel()
        size = w.abs()
        bad = w[(size != 0) & ((size < 5) | (size > 10))]
        if bad.numel():
            fail(t("after {name} the weights of {label} include {bad_value:.3f}; every weight should be "
                   "either 0 (drawn with |w| < 5) or between 5 and 10 in size (drawn from U(-10, 10), |w| ≥ 5).",
                   name=name, label=label, bad_value=bad[0].item()))
        zeros = (w == 0).double().mean().item()
        # Half of U(-10, 10) falls within (-5, 5); the fraction of zeros has standard error 0.5 / sqrt(n).
        expect(abs(zeros - 0.5) <= _SIGMAS * 0.5 / math.sqrt(n),
               t("after {name} {zeros:.1%} of the weights of {label} are 0; about half should be "
                 "(the half of U(-10, 10) with |w| < 5).", name=name, zeros=zeros, label=label))
        kept = w[w != 0]
        k = kept.numel()
        positive = (kept > 0).double().mean().item()
        expect(abs(positive - 0.5) <= _SIGMAS * 0.5 / math.sqrt(k),
               t("after {name} {positive:.1%} of the non-zero weights of {label} are positive; U(-10, 10) "
                 "gives as many negative as positive weights.", name=name, positive=positive, label=label))
        d = _ks_distance(kept.abs(), lambda x: ((x - 5) / 5).clamp(0, 1))
        expect(d * math.sqrt(k) <= _KS_LIMIT,
               t("after {name} the non-zero weights of {label} are not spread evenly between 5 and 10 in size, "
                 "as U(-10, 10) with |w| < 5 zeroed would give.", name=name, label=label))
        expect(torch.equal(m.bias.detach(), before[m][1]),
               t("{name} changed the bias of {label}; it should leave the bias as it was.", name=name, label=label))


# --------------------------------------------------------------------------------------------
# tied_net
# --------------------------------------------------------------------------------------------

def _acts_like_relu(module):
    x = torch.linspace(-3, 3, 13).reshape(1, 13)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            y = module(x)
        except Exception:
            return False
    return not list(module.parameters()) and isinstance(y, torch.Tensor) and torch.equal(y, x.clamp(min=0))


def _short(module):
    """A one-line description of a module for a failure message."""
    if isinstance(module, nn.Linear):
        bias = "" if module.bias is not None else ", bias=False"
        return f"nn.Linear({module.in_features}, {module.out_features}{bias})"
    return t("a {type}", type=type(module).__name__)


def _linear_shape(module):
    """(in, out) when ``module`` is an nn.Linear with a bias, else None."""
    if isinstance(module, nn.Linear) and module.bias is not None:
        return (module.in_features, module.out_features)
    return None


def tied_net(fn, seed=0):
    """make_tied_net(): Linear(4, 8), ReLU, shared, ReLU, shared, ReLU, Linear(8, 1), one shared Linear(8, 8)."""
    with seeded(seed):
        net = call("make_tied_net()", fn)
        expect(isinstance(net, nn.Sequential),
               t("make_tied_net() should return an nn.Sequential; it returned {net_desc}.", net_desc=describe(net)))
        expect(len(net) == 7,
               t("make_tied_net() should return 7 modules (Linear, ReLU, shared, ReLU, shared, ReLU, Linear); "
                 "it has {n_net}.", n_net=len(net)))
        want = {0: (4, 8), 2: (8, 8), 4: (8, 8), 6: (8, 1)}
        for i in range(7):
            if i in want:
                got = _linear_shape(net[i])
                expect(got == want[i],
                       t("net[{i}] should be nn.Linear{wanted} with a bias; it is {layer_desc}.",
                         i=i, wanted=want[i], layer_desc=_short(net[i])))
            else:
                expect(_acts_like_relu(net[i]), t("net[{i}] should be nn.ReLU(); it is {layer_desc}.",
                                                  i=i, layer_desc=_short(net[i])))
        if net[2] is not net[4]:
            if any(p is q for p in net[2].parameters() for q in net[4].parameters()):
                fail(t("net[2] and net[4] are two nn.Linear(8, 8) layers that share only some of their "
                       "parameters; put one and the same layer object in both places."))
            if torch.equal(net[2].weight.detach(), net[4].weight.detach()):
                fail(t("net[2] and net[4] are two nn.Linear(8, 8) layers that merely hold equal values "
                       "(a copy, e.g. copy.deepcopy); put the same layer object in both places."))
            fail(t("net[2] and net[4] are two separate nn.Linear(8, 8) layers; create one layer, shared, "
                   "and put that same object in both places."))

        count = sum(p.numel() for p in net.parameters())
        expect(count == 4 * 8 + 8 + 8 * 8 + 8 + 8 * 1 + 1,
               t("make_tied_net() should have 121 distinct parameter values; it has {count}.", count=count))

        # The forward pass, against a hand-written one in which the shared layer's weight is used twice.
        x = torch.randn(5, 4)
        out = call(t("running the net made by make_tied_net()"), net, x)
        expect(isinstance(out, torch.Tensor) and out.shape == (5, 1),
               t("the net should map a (5, 4) input to a (5, 1) output; it gave {out_desc}.", out_desc=describe(out)))
        w0, b0 = net[0].weight.detach(), net[0].bias.detach()
        w2, b2 = net[2].weight.detach().clone(), net[2].bias.detach().clone()
        w6, b6 = net[6].weight.detach(), net[6].bias.detach()

        # Gradients of the shared weight: the two uses add up. Reference: two separate copies.
        first, second = w2.clone().requires_grad_(), w2.clone().requires_grad_()
        h = torch.relu(torch.einsum("ni,oi->no", x, w0) + b0)
        h = torch.relu(torch.einsum("ni,oi->no", h, first) + b2)
        h = torch.relu(torch.einsum("ni,oi->no", h, second) + b2)
        ref = torch.einsum("ni,oi->no", h, w6) + b6
        g_first, g_second = torch.autograd.grad(ref.square().sum(), (first, second))
        expect(same_values(out.detach(), ref.detach()),
               t("the net's output is not Linear(4, 8) → ReLU → shared → ReLU → shared → ReLU → "
                 "Linear(8, 1)."))
        net.zero_grad()
        out.square().sum().backward()
        expect(same_values(net[2].weight.grad, g_first + g_second),
               t("the shared layer's weight gradient should be the sum of the gradients from its two uses."))

        other = call(t("make_tied_net() (a second call)"), fn)
    shared_ids = {id(p) for p in net.parameters()} & {id(p) for p in other.parameters()}
    expect(not shared_ids,
           t("two calls of make_tied_net() returned networks that share parameters; each call should build "
             "a new network (create the shared layer inside the function)."))


# --------------------------------------------------------------------------------------------
# tie_weights
# --------------------------------------------------------------------------------------------

def _snapshot(*modules):
    return [(m, name, p, p.detach().clone()) for m in modules for name, p in m.named_parameters()]


def _unchanged(snapshot):
    return all(getattr(m, name) is p and torch.equal(p.detach(), old) for m, name, p, old in snapshot)


def tie_weights(fn, seed=0):
    """decoder.weight becomes embedding.weight (one Parameter); mismatched shapes raise ValueError."""
    vocab, dim = 11, 6
    with seeded(seed):
        embedding, decoder = nn.Embedding(vocab, dim), nn.Linear(dim, vocab)
        emb_weight, emb_values = embedding.weight, embedding.weight.detach().clone()
        bias, bias_values = decoder.bias, decoder.bias.detach().clone()
        what = f"tie_weights(nn.Embedding({vocab}, {dim}), nn.Linear({dim}, {vocab}))"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = fn(embedding, decoder)
        except ValueError as error:
            fail(t("{what} raised ValueError ({error}), but both weights have shape ({vocab}, {dim}) "
                   "(nn.Linear stores its weight as (out_features, in_features)), so they can be tied.",
                   what=what, error=error, vocab=vocab, dim=dim))
        except Exception as error:
            fail(t("{what} raised {error_type}: {error}", what=what, error_type=type(error).__name__, error=error))

        expect(embedding.weight is emb_weight,
               t("tie_weights replaced embedding.weight; the embedding keeps its Parameter and the decoder "
                 "takes it over, not the other way round."))
        expect(torch.equal(embedding.weight.detach(), emb_values),
               t("tie_weights changed the embedding's values; the decoder should take the embedding's weight."))
        if decoder.weight is not embedding.weight:
            if decoder.weight.data_ptr() == embedding.weight.data_ptr():
                fail(t("decoder.weight shares the embedding's storage but is a different Parameter object (as "
                       "wrapping it anew or assigning .data makes), so their gradients do not add up; the decoder "
                       "must hold the embedding's own Parameter object (a module registers the nn.Parameter "
                       "assigned to its attribute)."))
            if torch.equal(decoder.weight.detach(), emb_values):
                fail(t("tie_weights copied the embedding's values into decoder.weight; the two should be the "
                       "very same Parameter object, not equal copies."))
            fail(t("after tie_weights, decoder.weight should be the very same Parameter as embedding.weight."))
        expect(result is decoder, t("tie_weights should return the decoder it was given; it returned {result_desc}.",
                                    result_desc=describe(result)))
        expect(decoder.bias is bias and torch.equal(decoder.bias.detach(), bias_values),
               t("tie_weights should leave the decoder's bias as it was."))

        # Gradients from both uses add up, and a step through the decoder alone moves the embedding too.
        tokens = torch.randint(0, vocab, (7,))
        embedding.zero_grad()
        decoder.zero_grad()
        loss = call(t("after tie_weights, a forward pass through the embedding and the decoder"),
                    lambda: decoder(embedding(tokens)).square().mean())
        loss.backward()
        as_input, as_output = emb_values.clone().requires_grad_(), emb_values.clone().requires_grad_()
        logits = torch.einsum("nd,vd->nv", as_input[tokens], as_output) + bias_values
        grads = torch.autograd.grad(logits.square().mean(), (as_input, as_output))
        expect(same_values(embedding.weight.grad, grads[0] + grads[1]),
               t("the tied weight's gradient should be the sum of its gradients as embedding and as decoder."))
        with torch.no_grad():  # a plain SGD step through the decoder's parameters only
            for p in decoder.parameters():
                p -= 0.1 * p.grad
        expect(same_values(embedding.weight.detach(), emb_values - 0.1 * (grads[0] + grads[1])),
               t("an optimizer step through decoder.parameters() should update the embedding's weight too."))

        # Shapes that cannot be tied: ValueError, and nothing changed.
        for v_in, d_in, d_out, v_out in [(11, 6, 5, 11), (11, 6, 6, 12), (11, 6, 11, 6)]:
            embedding, decoder = nn.Embedding(v_in, d_in), nn.Linear(d_out, v_out)
            what = f"tie_weights(nn.Embedding({v_in}, {d_in}), nn.Linear({d_out}, {v_out}))"
            snapshot = _snapshot(embedding, decoder)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    fn(embedding, decoder)
            except ValueError as error:
                expect(str(error).strip() != "", t("{what} raised a ValueError without a message; say why.", what=what))
            except Exception as error:
                fail(t("{what} raised {error_type}: {error}; expected a ValueError (the weights "
                       "have shapes ({v_in}, {d_in}) and ({v_out}, {d_out}) and cannot be tied).",
                       what=what, error_type=type(error).__name__, error=error, v_in=v_in, d_in=d_in, v_out=v_out,
                       d_out=d_out))
            else:
                fail(t("{what} should raise ValueError: the embedding weight has shape ({v_in}, {d_in}) and the "
                       "decoder weight ({v_out}, {d_out}), so they cannot be one Parameter.",
                       what=what, v_in=v_in, d_in=d_in, v_out=v_out, d_out=d_out))
            expect(_unchanged(snapshot),
                   t("{what} changed the embedding or the decoder before raising ValueError; check the shapes "
                     "first and change nothing when they do not match.", what=what))
