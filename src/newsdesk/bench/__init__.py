"""Benchmarks: ours beside the anchors, measured in the same run on the same pages."""
