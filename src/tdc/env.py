"""Typed readers for settings from the environment.

Every setting comes from an environment variable. A secret may instead be given as a file path in
``<NAME>_FILE`` (Docker/systemd credentials). A missing required value or a value of the wrong
type stops the process with a message naming the variable, rather than starting half-configured.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ImproperlyConfiguredEnv", "env_bool", "env_int", "env_list", "env_str"]

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ImproperlyConfiguredEnv(RuntimeError):
    """An environment variable is missing or malformed."""


def _raw(name: str) -> str | None:
    file_var = f"{name}_FILE"
    if file_var in os.environ:
        path = Path(os.environ[file_var])
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfiguredEnv(
                f"{file_var}={path} cannot be read ({exc.strerror}); fix the path or unset it."
            ) from exc
    return os.environ.get(name)


def env_str(name: str, default: str | object = _MISSING) -> str:
    """A string; without a default the variable is required."""
    value = _raw(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfiguredEnv(
                f"{name} is required: set it in the environment or in {name}_FILE "
                "(see .env.example)."
            )
        return str(default)
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfiguredEnv(f"{name}={value!r} is not a boolean; use 1/0, true/false.")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfiguredEnv(f"{name}={value!r} is not an integer.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; blanks are dropped."""
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
