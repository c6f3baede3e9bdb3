# expect: replaced the parameter
def init_normal(m):
    if isinstance(m, nn.Linear):
        # a new Parameter: an optimizer created earlier still holds the old one
        m.weight = nn.Parameter(torch.randn(m.out_features, m.in_features) * 0.01)
        m.bias = nn.Parameter(torch.zeros(m.out_features))
