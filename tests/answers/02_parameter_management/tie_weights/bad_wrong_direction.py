# expect: replaced embedding.weight
def tie_weights(embedding, decoder):
    if embedding.weight.shape != decoder.weight.shape:
        raise ValueError("shapes differ")
    embedding.weight = decoder.weight  # the embedding loses its values
    return decoder
