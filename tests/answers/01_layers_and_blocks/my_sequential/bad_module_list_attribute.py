# expect: under the names '0', '1', '2'
class MySequential(nn.Module):
    def __init__(self, *modules):
        super().__init__()
        self.layers = nn.ModuleList(modules)

    def forward(self, X):
        for layer in self.layers:
            X = layer(X)
        return X

    def __len__(self):
        return len(self.layers)

    def __getitem__(self, index):
        return self.layers[index]
