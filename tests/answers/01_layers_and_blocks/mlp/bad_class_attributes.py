# expect: the layers are not registered
class MLP(nn.Module):
    hidden = nn.Linear(20, 256)
    out = nn.Linear(256, 10)

    def forward(self, X):
        return self.out(F.relu(self.hidden(X)))
