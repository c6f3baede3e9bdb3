class TensorReduction(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(in_features, in_features, out_features))
        nn.init.normal_(self.weight, std=0.01)

    def forward(self, X):
        # F.bilinear computes x1^T A[k] x2 with A of shape (out, in1, in2)
        return F.bilinear(X, X, self.weight.permute(2, 0, 1))
