# expect: every weight should be either 0
def my_init(m):
    if isinstance(m, nn.Linear):
        nn.init.uniform_(m.weight, -10, 10)
        m.weight.data *= m.weight.data.abs() < 5  # keeps |w| < 5 and zeroes the rest
