class TensorReduction(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_features, in_features, out_features))

    def forward(self, X):
        # preallocate the output with the input's dtype and device, then fill one column per output
        Y = torch.zeros(X.shape[0], self.weight.shape[2], dtype=X.dtype, device=X.device)
        for k in range(self.weight.shape[2]):
            Y[:, k] = ((X @ self.weight[:, :, k]) * X).sum(dim=1)
        return Y
