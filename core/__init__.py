"""Shared foundations: settings and the error vocabulary every layer uses."""
