"""`load_demo`, `demo_editor`, `generate_articles` (docs/commands.md)."""
