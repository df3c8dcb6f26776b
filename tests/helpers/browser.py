"""Steps in the admin that browser tests (Playwright) share."""

__all__ = ["pick"]


def pick(page, field_id, term, choice):
    """Choose ``choice`` in the admin's autocomplete for ``field_id`` by typing."""
    page.click(f"#{field_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.click(f".select2-results__option:has-text('{choice}')")
