def tie_weights(embedding, decoder):
    vocab, dim = embedding.num_embeddings, embedding.embedding_dim
    if (decoder.in_features, decoder.out_features) != (dim, vocab):
        raise ValueError(f"the decoder must be nn.Linear({dim}, {vocab}) to share the embedding's weight")
    decoder.register_parameter("weight", embedding.weight)
    return decoder
