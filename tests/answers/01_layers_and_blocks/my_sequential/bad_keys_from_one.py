# expect: under the names '0', '1', '2'
class MySequential(nn.Module):
    def __init__(self, *modules):
        super().__init__()
        for index, module in enumerate(modules, start=1):
            self.add_module(str(index), module)

    def forward(self, X):
        for module in self._modules.values():
            X = module(X)
        return X

    def __len__(self):
        return len(self._modules)

    def __getitem__(self, index):
        return list(self._modules.values())[index]
