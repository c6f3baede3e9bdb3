class ParallelBlock(nn.Module):
    def __init__(self, net1, net2):
        super().__init__()
        self.add_module("left", net1)
        self.add_module("right", net2)

    def forward(self, X):
        left, right = self.left(X), self.right(X)
        return torch.cat([left, right], -1)
