# expect: each sample on its own
# the second factor comes from every sample in the batch, not from the same one
class TensorReduction(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_features, in_features, out_features))

    def forward(self, X):
        return torch.einsum("ijk,bi,cj->bk", self.weight, X, X)
