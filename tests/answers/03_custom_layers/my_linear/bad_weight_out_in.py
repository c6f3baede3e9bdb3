# expect: weight should have shape (5, 3)
# weight stored in nn.Linear's (units, in_units) layout
class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(units, in_units))
        self.bias = nn.Parameter(torch.randn(units))

    def forward(self, X):
        return F.relu(X @ self.weight.T + self.bias)
