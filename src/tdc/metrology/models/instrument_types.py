"""The Group 2 list (TT 23/2013 Art. 4 as amended) as versioned reference data."""

from __future__ import annotations

import time

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tdc.core.models import VersionedReference
from tdc.metrology.choices import MpeScheme


class InstrumentType(VersionedReference):
    """One row of the Group 2 measuring-instrument list, as in force between two dates.

    The same ``code`` appears once per version of the list (TT 07/2019, TT 03/2024,
    TT 04/2026…); the row in force on a verification's date gives its control measures and
    its verification cycle (``tdc.metrology.selectors.instrument_type_rule_on``).
    """

    USED_FOR = _(
        "Which instruments may be registered and verified, their control measures and cycles "
        "(valid-until dates)."
    )

    code = models.SlugField(
        _("code"),
        max_length=64,
        help_text=_("Stable identifier of the instrument type across versions of the list."),
    )
    item_no = models.CharField(
        _("item number"), max_length=8, blank=True, help_text=_("Row number in the circular.")
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    requires_type_approval = models.BooleanField(
        _("type approval required"), default=False, help_text=_("Phê duyệt mẫu.")
    )
    requires_initial = models.BooleanField(
        _("initial verification required"), default=True, help_text=_("Kiểm định ban đầu.")
    )
    requires_periodic = models.BooleanField(
        _("periodic verification required"), default=True, help_text=_("Kiểm định định kỳ.")
    )
    requires_after_repair = models.BooleanField(
        _("verification after repair required"),
        default=True,
        help_text=_("Kiểm định sau sửa chữa."),
    )
    cycle_months = models.PositiveSmallIntegerField(
        _("verification cycle (months)"),
        null=True,
        blank=True,
        help_text=_("Empty when the type has no periodic verification."),
    )
    dlvn_procedure = models.CharField(
        _("ĐLVN procedure"),
        max_length=64,
        blank=True,
        help_text=_("Number of the verification procedure, e.g. ĐLVN 10:2017, where known."),
    )
    removal_unconfirmed = models.BooleanField(
        _("removal unconfirmed"),
        default=False,
        help_text=_(
            "A later list may have removed this row, but the removal is not confirmed: the row "
            "stays in force until an administrator confirms it and sets its end date."
        ),
    )
    mpe_scheme = models.CharField(
        _("MPE scheme"), max_length=32, choices=MpeScheme.choices, default=MpeScheme.OTHER
    )

    class Meta(VersionedReference.Meta):
        verbose_name = _("Group 2 instrument type")
        verbose_name_plural = _("Group 2 instrument types")
        ordering = ["code", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["code", "effective_from"],
                # Also serves the lookup of the row in force on a verification date.
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This instrument type already has a version starting on that day; edit that "
                    "version instead."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(requires_periodic=False) | models.Q(cycle_months__gt=0),
                name="%(app_label)s_%(class)s_cycle_when_periodic",
                violation_error_message=_(
                    "A type with periodic verification needs a cycle in months; enter it or "
                    "untick periodic verification."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_vi} ({self.effective_from:%d/%m/%Y})"

    @classmethod
    def label_for(cls, code: str) -> str:
        """The name people know a type by, for a code stored on a record (``fuel-dispenser`` →
        "Cột đo nhiên liệu"): Vietnamese, or English when the screen is in English and the row
        has it; the code itself if no row has it. Read from a short-lived per-process table."""
        names = _type_names()
        vi, en = names.get(code, (code, ""))
        if en and (get_language() or "vi").startswith("en"):
            return en
        return vi


#: code → (Vietnamese, English) of the latest row, with the time it was read.
_NAMES: dict[str, object] = {"at": 0.0, "names": {}}
_NAMES_TTL = 60.0


def _type_names() -> dict[str, tuple[str, str]]:
    now = time.monotonic()
    if now - float(_NAMES["at"]) > _NAMES_TTL:  # type: ignore[arg-type]
        names: dict[str, tuple[str, str]] = {}
        rows = InstrumentType.objects.order_by("effective_from", "id")
        for code, vi, en in rows.values_list("code", "name_vi", "name_en"):
            names[code] = (vi or code, en or "")
        _NAMES.update(at=now, names=names)
    return _NAMES["names"]  # type: ignore[return-value]


@receiver((post_save, post_delete), sender=InstrumentType)
def _forget_type_names(**kwargs: object) -> None:
    _NAMES["at"] = 0.0
