"""Storing and finding: tokenizer, embedders, the Qdrant store, the index builder.

Imports `ingest` (its records) and `core`; knows nothing of the assistant.
"""
