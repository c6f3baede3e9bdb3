# expect: plain tensors stored as attributes are not parameters
# plain tensors are not registered as parameters: parameters() and optimisers never see them
class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        self.weight = torch.randn(in_units, units, requires_grad=True)
        self.bias = torch.randn(units, requires_grad=True)

    def forward(self, X):
        return F.relu(X @ self.weight + self.bias)
