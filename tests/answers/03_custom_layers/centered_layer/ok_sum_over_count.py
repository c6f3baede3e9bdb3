class CenteredLayer(nn.Module):
    def forward(self, X):
        return X - X.sum() / X.numel()
