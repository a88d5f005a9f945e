"""Answerers: each takes a read question and returns an `Answer` with citations, or None
when the question is not of its shape."""
