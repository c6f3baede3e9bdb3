class FourierHalf(nn.Module):
    def forward(self, X):
        # for real input rfft gives coefficients 0 .. n // 2, the same as fft's first ones
        n = X.shape[-1]
        return torch.fft.rfft(X).narrow(-1, 0, (n + 1) // 2)
