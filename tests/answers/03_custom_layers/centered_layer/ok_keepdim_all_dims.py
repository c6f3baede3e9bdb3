class CenteredLayer(nn.Module):
    def forward(self, X):
        all_dims = tuple(range(X.dim()))
        return torch.sub(X, torch.mean(X, dim=all_dims, keepdim=True))
