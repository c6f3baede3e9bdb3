# expect: plain tensors stored as attributes are not parameters
# a plain tensor is not a parameter
class TensorReduction(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = torch.randn(in_features, in_features, out_features, requires_grad=True)

    def forward(self, X):
        return torch.einsum("ijk,bi,bj->bk", self.weight, X, X)
