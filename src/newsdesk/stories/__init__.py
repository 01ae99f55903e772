"""Stories: exact and near-duplicate detection, and incremental story clustering."""
