# expect: should raise ValueError
def tie_weights(embedding, decoder):
    decoder.weight = embedding.weight
    return decoder
