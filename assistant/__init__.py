"""Answering: the CLI today; router, answerers, rule checker and the app as they land."""
