"""Demo content and load-test generation: ``load_demo`` (the demo explainer and its
neighbours), ``demo_editor`` (an account per role), ``generate_articles`` (realistic
Dutch articles in bulk) and the word lists they draw from (``generating/*words*``).

May use every app below it (articles, embeds, accounts); nothing in the product
imports it, so a newsroom can leave it out of INSTALLED_APPS.
"""
