"""Evaluation scorers behind ``newsweave eval``: each reads a labelled corpus and returns a dict of metrics."""
