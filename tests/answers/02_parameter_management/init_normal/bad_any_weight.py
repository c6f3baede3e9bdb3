# expect: it must only touch nn.Linear layers
def init_normal(m):
    # also re-initializes LayerNorm, Conv, Embedding, ... weights
    if hasattr(m, "weight") and isinstance(m.weight, torch.Tensor):
        nn.init.normal_(m.weight, mean=0, std=0.01)
    if hasattr(m, "bias") and isinstance(m.bias, torch.Tensor):
        nn.init.zeros_(m.bias)
