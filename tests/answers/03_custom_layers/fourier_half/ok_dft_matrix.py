import math


class FourierHalf(nn.Module):
    def forward(self, X):
        # the discrete Fourier transform written out: F[m] = sum_t X[t] exp(-2 pi i m t / n)
        n = X.shape[-1]
        m = torch.arange((n + 1) // 2, dtype=torch.float64)
        t = torch.arange(n, dtype=torch.float64)
        angle = -2 * math.pi * m[:, None] * t[None, :] / n
        basis = torch.polar(torch.ones_like(angle), angle)      # (half, n), complex128
        return (X.to(torch.complex128) @ basis.T).to(torch.complex64)
