# expect: changed its input in place
# subtracts in place: the caller's tensor is changed
class CenteredLayer(nn.Module):
    def forward(self, X):
        X -= X.mean()
        return X
