# expect: weight should have shape (4, 4, 3)
# weight stored as (out_features, in_features, in_features)
class TensorReduction(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_features, in_features, in_features))

    def forward(self, X):
        return torch.einsum("kij,bi,bj->bk", self.weight, X, X)
