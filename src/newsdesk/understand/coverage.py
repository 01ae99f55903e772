"""The languages the understand stage reads entities and quotes in.

Its own module, importing nothing, so that the desk and `analyze` can say whether an article was
read without loading spaCy (importing `annotate` costs a desk worker about 70 MB). None is an
article whose language was not identified: it is read as English.
"""

COVERED = frozenset({"en", None})
