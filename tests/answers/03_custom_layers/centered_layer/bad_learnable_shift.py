# expect: should have no parameters
# adds a parameter the layer must not have
class CenteredLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.shift = nn.Parameter(torch.zeros(1))

    def forward(self, X):
        return X - X.mean() + self.shift
