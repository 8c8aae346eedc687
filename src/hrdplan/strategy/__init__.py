"""A strategy file: its models, loading it with its catalogue, scaffolding, migrating, and
the countries it may be about."""
