"""The tables storybible ships (made by scripts/build_tables.py; see toolkit.text.tables)."""
