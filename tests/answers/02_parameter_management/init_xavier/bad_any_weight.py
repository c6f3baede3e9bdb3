# expect: it must only touch nn.Linear layers
def init_xavier(m):
    # picks modules by their having a weight: also re-initializes convolutions, embeddings, LayerNorm, ...
    if hasattr(m, "weight") and isinstance(m.weight, torch.Tensor) and m.weight.dim() >= 2:
        nn.init.xavier_uniform_(m.weight)
    if hasattr(m, "bias") and isinstance(m.bias, torch.Tensor):
        nn.init.zeros_(m.bias)
