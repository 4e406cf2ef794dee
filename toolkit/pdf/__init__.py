"""The story bible as a PDF: Jinja2 templates in a sandbox, pictures and charts, WeasyPrint."""
