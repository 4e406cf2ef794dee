"""Files a writer owns: reading text, atomic writes and backups, the cache, YAML limits."""
