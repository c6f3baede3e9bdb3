# expect: replaced the parameter
def my_init(m):
    if isinstance(m, nn.Linear):
        w = torch.empty_like(m.weight).uniform_(-10, 10)
        m.weight = nn.Parameter(w * (w.abs() >= 5))
