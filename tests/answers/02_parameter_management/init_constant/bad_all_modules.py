# expect: it must only touch nn.Linear layers
def init_constant(m):
    # touches every module's own parameters: LayerNorm, Conv, Embedding, ...
    for name, p in m.named_parameters(recurse=False):
        if name == "weight":
            nn.init.constant_(p, 1)
        elif name == "bias":
            nn.init.zeros_(p)
