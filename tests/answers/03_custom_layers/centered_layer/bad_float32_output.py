# expect: the output's dtype should follow the input's
# fills a new tensor made without a dtype: float32 whatever the input
class CenteredLayer(nn.Module):
    def forward(self, X):
        out = torch.empty(X.shape)
        out[...] = X - X.mean()
        return out
