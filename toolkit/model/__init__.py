"""The story model: characters, organisations, places and scenes, and the bible.yaml that holds them."""
