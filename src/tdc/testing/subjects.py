"""Per-model builders of one record inside and one outside a persona's jurisdiction.

The permission-matrix test needs, for every scoped model behind a registered view, a record in
jurisdiction A (province A, commune A, organisation A) and one in jurisdiction B. Each app
declares a module of builders (``matrix_subjects`` in its ``module.py``, conventionally
``<app>/tests/subjects.py``) whose functions carry :func:`subject`; a registered model without
one fails the matrix test.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass
class Jurisdiction:
    province_id: str
    commune_id: str
    organisation: Any


Builder = Callable[[Jurisdiction], models.Model]
SUBJECTS: dict[str, Builder] = {}


def subject[B: Builder](label: str) -> Callable[[B], B]:
    """Registers the builder of ``label``'s (``app_label.Model``) records."""

    def register(fn: B) -> B:
        SUBJECTS[label] = fn
        return fn

    return register


def all_subjects() -> dict[str, Builder]:
    """Every module's builders, by model label."""
    from tdc.core.modules import modules

    for module in modules():
        if module.matrix_subjects:
            importlib.import_module(module.matrix_subjects)
    return dict(SUBJECTS)
