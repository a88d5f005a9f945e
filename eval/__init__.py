"""Measuring: datasets (JSONL) and the harnesses that score them."""
