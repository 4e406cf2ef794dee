"""The writer's editor: the language server, watch, and renaming a character everywhere."""
