# expect: replaced the parameter
def init_xavier(m):
    if isinstance(m, nn.Linear):
        w = torch.empty(m.out_features, m.in_features)
        nn.init.xavier_uniform_(w)
        m.weight = nn.Parameter(w)
        m.bias = nn.Parameter(torch.zeros(m.out_features))
