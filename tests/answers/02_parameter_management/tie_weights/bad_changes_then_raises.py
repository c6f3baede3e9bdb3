# expect: before raising ValueError
def tie_weights(embedding, decoder):
    old = decoder.weight
    decoder.weight = embedding.weight
    if decoder.weight.shape != old.shape:
        raise ValueError("shapes differ")  # too late: the decoder was already changed
    return decoder
