"""The curated corpus, its validation, chunking, embeddings and the hybrid retriever."""
