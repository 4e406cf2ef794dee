"""Story-level decisions made from the claims of every sentence: affiliations, relations, fates, genders."""
