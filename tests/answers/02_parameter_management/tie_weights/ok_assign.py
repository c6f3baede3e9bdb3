def tie_weights(embedding, decoder):
    if embedding.weight.shape != decoder.weight.shape:
        raise ValueError(
            f"cannot tie an embedding weight of shape {tuple(embedding.weight.shape)} "
            f"to a decoder weight of shape {tuple(decoder.weight.shape)}")
    decoder.weight = embedding.weight
    return decoder
