class MySequential(nn.ModuleList):
    """nn.ModuleList already registers as '0', '1', ... and has len and indexing; add a forward."""
    def __init__(self, *modules):
        super().__init__(modules)

    def forward(self, X):
        for module in self:
            X = module(X)
        return X
