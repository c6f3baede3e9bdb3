# expect: so they can be tied
def tie_weights(embedding, decoder):
    # compares with (in, out) although nn.Linear stores its weight as (out, in)
    if embedding.weight.shape != (decoder.in_features, decoder.out_features):
        raise ValueError("shapes differ")
    decoder.weight = embedding.weight
    return decoder
