class MySequential(nn.Module):
    """Modules stored straight into self._modules, as in the textbook."""
    def __init__(self, *args):
        super().__init__()
        for idx, module in enumerate(args):
            self._modules[str(idx)] = module

    def __len__(self):
        return len(self._modules)

    def __getitem__(self, index):
        if index < 0:
            index += len(self)
        return self._modules[str(index)]

    def forward(self, X):
        for i in range(len(self)):
            X = self[i](X)
        return X
