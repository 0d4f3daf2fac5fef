"""The kamergraaf ontology and reference data (Turtle/CSV), shipped as package data."""
