"""Realistic Dutch articles in bulk for load tests (``generate_articles``): the
generator (``articles``), sentences (``text``) and the word lists (``words``)."""
