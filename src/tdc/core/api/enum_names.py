"""Stable OpenAPI enum names for every choice set of the project.

Many models have a field called ``status`` or ``kind`` with different choices; drf-spectacular
would name their enums with hash suffixes (``Status617Enum``) and warn. This mapping names each
``TextChoices`` class after itself (prefixed with its app when two apps use the same class name)
and is computed lazily, once the apps are loaded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _camel(label: str) -> str:
    return "".join(part.capitalize() for part in label.replace(".", "_").split("_"))


def build_overrides() -> dict[str, Any]:
    from django.db import models

    classes = [
        c
        for c in _subclasses(models.Choices)
        if c.__module__.startswith("tdc.") and getattr(c, "choices", None)
    ]
    by_name: dict[str, list[type]] = {}
    for cls in classes:
        by_name.setdefault(cls.__name__, []).append(cls)
    overrides: dict[str, Any] = {}
    seen_values: set[tuple[str, ...]] = set()
    for cls in sorted(classes, key=lambda c: (c.__module__, c.__qualname__)):
        values = tuple(sorted(str(v) for v in cls.values))  # type: ignore[attr-defined]
        if values in seen_values:
            continue  # the same choice set under another class: one name is enough
        seen_values.add(values)
        same_name = {
            tuple(sorted(str(v) for v in other.values))  # type: ignore[attr-defined]
            for other in by_name[cls.__name__]
        }
        prefix = _camel(cls.__module__.split(".")[1]) if len(same_name) > 1 else ""
        overrides[f"{prefix}{cls.__name__}Enum"] = cls
    # Plain choice lists shared by several fields.
    overrides["LowerUpperEnum"] = ["lower", "upper"]
    return overrides


class LazyEnumOverrides(Mapping[str, Any]):
    """A mapping that is filled on first use (settings are read before apps are loaded)."""

    def __init__(self) -> None:
        self._data: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        if self._data is None:
            self._data = build_overrides()
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())
