"""The built-in Jinja2 templates and stylesheet of the story bible PDF (package data)."""
