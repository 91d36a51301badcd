"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.registry.module``)."""

from __future__ import annotations

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("registry.Organisation")
def _organisation(where: Jurisdiction) -> models.Model:
    return where.organisation
