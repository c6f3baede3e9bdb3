# expect: expected a ValueError
def tie_weights(embedding, decoder):
    assert embedding.weight.shape == decoder.weight.shape, "shapes differ"  # AssertionError, not ValueError
    decoder.weight = embedding.weight
    return decoder
