# expect: not equal copies
def tie_weights(embedding, decoder):
    if embedding.weight.shape != decoder.weight.shape:
        raise ValueError("shapes differ")
    with torch.no_grad():
        decoder.weight.copy_(embedding.weight)  # equal values today, separate tomorrow
    return decoder
