"""Reading the booklet: load → normalise → parse the template → chunks.

Knows nothing of the index or the assistant (imports flow one way).
"""
