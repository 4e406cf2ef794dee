"""The extractor: reads claims (names, affiliations, relations, deaths) from sentences and resolves them into a story."""
