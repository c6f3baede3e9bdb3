# expect: weight has no gradient
# .data detaches the weight: the layer cannot learn
class TensorReduction(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_features, in_features, out_features))

    def forward(self, X):
        return torch.einsum("ijk,bi,bj->bk", self.weight.data, X, X)
