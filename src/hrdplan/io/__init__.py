"""The plumbing every command shares: reading and writing files, the YAML reader with
positions, validation into models, configuration, errors and exit codes, the consoles."""
