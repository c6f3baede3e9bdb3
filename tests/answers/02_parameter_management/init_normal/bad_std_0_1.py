# expect: have standard deviation 0.1
def init_normal(m):
    if isinstance(m, nn.Linear):
        # reads "variance 0.01" and passes its square root as the std
        nn.init.normal_(m.weight, mean=0, std=0.1)
        nn.init.zeros_(m.bias)
