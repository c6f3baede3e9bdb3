# expect: a different Parameter object
def tie_weights(embedding, decoder):
    if embedding.weight.shape != decoder.weight.shape:
        raise ValueError("shapes differ")
    decoder.weight = nn.Parameter(embedding.weight)  # a new Parameter over the same storage
    return decoder
