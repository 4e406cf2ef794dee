"""Fountain scripts parsed into scenes, checked against the bible by rules that give diagnostics."""
