# expect: sum over i and j
# keeps only the i = j terms: sum_i weight[i, i, k] * X[b, i]^2
class TensorReduction(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_features, in_features, out_features))

    def forward(self, X):
        return torch.einsum("iik,bi->bk", self.weight, X * X)
