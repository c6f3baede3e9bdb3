class TensorReduction(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_features, in_features, out_features))

    def forward(self, X):
        n = X.shape[1]
        outer = X[:, :, None] * X[:, None, :]          # (batch, in, in)
        return outer.reshape(-1, n * n) @ self.weight.reshape(n * n, -1)
