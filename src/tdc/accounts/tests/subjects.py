"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.accounts.module``)."""

from __future__ import annotations

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("accounts.User")
def _user(where: Jurisdiction) -> models.Model:
    from tdc.testing.factories import make_user

    return make_user("provincial_officer", province_id=where.province_id)
