# expect: should return the decoder
def tie_weights(embedding, decoder):
    if embedding.weight.shape != decoder.weight.shape:
        raise ValueError("shapes differ")
    decoder.weight = embedding.weight
