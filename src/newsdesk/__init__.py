"""newsdesk: collect, extract, deduplicate, understand and publish news."""

__version__ = "0.1.0"
