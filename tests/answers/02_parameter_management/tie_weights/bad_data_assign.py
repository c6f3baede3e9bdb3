# expect: a different Parameter object
def tie_weights(embedding, decoder):
    if embedding.weight.shape != decoder.weight.shape:
        raise ValueError("shapes differ")
    decoder.weight.data = embedding.weight.data  # shares storage, but two Parameters
    return decoder
