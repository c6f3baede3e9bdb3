# expect: as many negative as positive
def my_init(m):
    if isinstance(m, nn.Linear):
        nn.init.uniform_(m.weight, 0, 10)  # U(0, 10), not U(-10, 10)
        m.weight.data *= m.weight.data >= 5
