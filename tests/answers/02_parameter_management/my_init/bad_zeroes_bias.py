# expect: it should leave the bias as it was
def my_init(m):
    if isinstance(m, nn.Linear):
        nn.init.uniform_(m.weight, -10, 10)
        m.weight.data *= m.weight.data.abs() >= 5
        nn.init.zeros_(m.bias)  # the bias must stay as it was
