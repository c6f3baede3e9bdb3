# expect: MLP().hidden should be nn.Linear(20, 256)
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 128)
        self.out = nn.Linear(128, 10)

    def forward(self, X):
        return self.out(F.relu(self.hidden(X)))
