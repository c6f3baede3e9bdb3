# expect: the output's dtype should follow the input's
# preallocates the output with torch.zeros(batch, out): float32 whatever the input, so float64 input loses precision
class TensorReduction(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_features, in_features, out_features))

    def forward(self, X):
        Y = torch.zeros(X.shape[0], self.weight.shape[2])
        for k in range(self.weight.shape[2]):
            Y[:, k] = ((X @ self.weight[:, :, k]) * X).sum(dim=1)
        return Y
