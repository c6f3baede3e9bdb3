class MLP(nn.Module):
    """A multilayer perceptron with one hidden layer of 256 units, the ReLU kept as a module."""
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 256)
        self.act = nn.ReLU()
        self.out = nn.Linear(256, 10)

    def forward(self, X):
        H = self.act(self.hidden(X))
        return self.out(H)
