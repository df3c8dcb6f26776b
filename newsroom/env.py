"""Reading settings from the environment, with errors that say how to fix them."""

import os

from django.core.exceptions import ImproperlyConfigured

__all__ = ["env_bool", "env_list", "env_seconds", "env_str"]

_TRUE = {"1", "true", "on", "yes"}
_FALSE = {"0", "false", "off", "no", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    """The variable's value with surrounding whitespace removed, or ``default``."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip()


def env_bool(name: str, default: bool) -> bool:
    """Accept 1/0, true/false, on/off (and yes/no), in any case."""
    value = os.environ.get(name)
    if value is None:
        return default
    folded = value.strip().lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use 1/0, true/false or on/off."
    )


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_seconds(name: str, default: float) -> float:
    """A positive number of seconds (``2``, ``0.5``); ``default`` when unset."""
    value = env_str(name)
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a positive number of seconds: use e.g. 3 or 0.5."
        )
    return seconds
