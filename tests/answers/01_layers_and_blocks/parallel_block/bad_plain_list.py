# expect: net1 and net2 are not registered
class ParallelBlock(nn.Module):
    def __init__(self, net1, net2):
        super().__init__()
        self.nets = [net1, net2]

    def forward(self, X):
        return torch.cat([net(X) for net in self.nets], dim=-1)
