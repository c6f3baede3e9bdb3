# expect: should be drawn from the standard normal
# nn.Linear's default (Kaiming-uniform) initialisation, transposed into the right layout
class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        reference = nn.Linear(in_units, units)
        self.weight = nn.Parameter(reference.weight.detach().T.clone())
        self.bias = nn.Parameter(reference.bias.detach().clone())

    def forward(self, X):
        return F.relu(X @ self.weight + self.bias)
