class TensorReduction(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_features, in_features, out_features) * 0.1)

    def forward(self, X):
        # one quadratic form x^T W_k x per output k
        columns = [((X @ self.weight[:, :, k]) * X).sum(dim=1) for k in range(self.weight.shape[2])]
        return torch.stack(columns, dim=1)
