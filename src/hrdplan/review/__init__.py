"""Review: what changed in a strategy, in the strategy's own terms (`hrdplan diff`), and
whether an adopted strategy's changed commitments are justified in its `changes:` log."""
