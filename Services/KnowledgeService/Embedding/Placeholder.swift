enum PlaceholderEmbedding {}
