# expect: it must only touch nn.Linear layers
def my_init(m):
    # picks modules by their having a weight: also changes convolutions, embeddings, LayerNorm, ...
    if hasattr(m, "weight") and isinstance(m.weight, torch.Tensor):
        nn.init.uniform_(m.weight, -10, 10)
        with torch.no_grad():
            m.weight *= m.weight.abs() >= 5
