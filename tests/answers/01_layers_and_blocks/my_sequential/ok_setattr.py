class MySequential(nn.Module):
    def __init__(self, *modules):
        super().__init__()
        self.count = len(modules)
        for i, m in enumerate(modules):
            setattr(self, str(i), m)  # nn.Module.__setattr__ registers it

    def forward(self, X):
        for block in self._modules.values():
            X = block(X)
        return X

    def __len__(self):
        return self.count

    def __getitem__(self, i):
        return getattr(self, str(range(self.count)[i]))
