# expect: replaced the parameter
def init_constant(m):
    if isinstance(m, nn.Linear):
        m.weight = nn.Parameter(torch.ones_like(m.weight))
        m.bias = nn.Parameter(torch.zeros_like(m.bias))
