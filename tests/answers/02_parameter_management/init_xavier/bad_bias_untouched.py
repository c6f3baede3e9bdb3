# expect: should be all zeros
def init_xavier(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_uniform_(m.weight)  # as in the notes: the bias keeps its default values
