"""`import_article`, `export_archive`, `import_archive`, `regenerate_renditions`:
thin commands over services (docs/commands.md)."""
