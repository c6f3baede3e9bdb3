def my_init(m):
    if isinstance(m, nn.Linear):
        with torch.no_grad():
            m.weight.uniform_(-10, 10)
            m.weight[m.weight.abs() < 5] = 0
