"""Text and language: sentences, tokens and tags, and the language knowledge kept as data in lang/."""
