"""Benchmarks that print our figures beside the anchors measured in the same run."""
