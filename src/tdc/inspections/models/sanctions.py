"""The violations catalogue, violations found, sanction decisions, payment and remedies."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel, ReferenceConfidence, VersionedReference
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.inspections.choices import OffenderKind, PaymentStatus, TransferTarget
from tdc.inspections.models.base import DECIDERS, FIELD_READERS, FIELD_STAFF, PLANNERS, CodedRule


def _money(label: Any, **kwargs: Any) -> Any:
    return models.DecimalField(label, max_digits=15, decimal_places=0, **kwargs)


class ViolationType(VersionedReference):
    """One act of the sanctions decree (NĐ 119/2017 as amended by NĐ 126/2021) and its fines.

    Amounts are for individuals; an organisation pays ``organisation_multiplier`` times as much
    (the multiplier has its own source and confidence, see the data file).
    """

    USED_FOR = _(
        "Violations recorded at inspections and the fine ranges of sanction decisions (a "
        "decision on an unconfirmed row needs the official amount first)."
    )

    code = models.SlugField(_("code"), max_length=40)
    decree = models.CharField(_("decree"), max_length=64, default="119/2017/NĐ-CP")
    article = models.PositiveSmallIntegerField(_("article"))
    clause = models.PositiveSmallIntegerField(_("clause"), null=True, blank=True)
    point = models.CharField(_("point"), max_length=4, blank=True)
    description = models.TextField(_("act"))
    fine_min = _money(_("minimum fine for an individual (VND)"))
    fine_max = _money(_("maximum fine for an individual (VND)"))
    organisation_multiplier = models.DecimalField(
        _("organisation multiplier"), max_digits=4, decimal_places=2, default=Decimal("2")
    )
    multiplier_source = models.CharField(_("source of the multiplier"), max_length=255, blank=True)
    multiplier_confidence = models.CharField(
        _("confidence of the multiplier"),
        max_length=16,
        choices=ReferenceConfidence.choices,
        default=ReferenceConfidence.UNCONFIRMED,
    )
    additional_penalties = models.TextField(_("additional penalties"), blank=True)
    remedial_measures = models.TextField(_("remedial measures"), blank=True)
    area = models.CharField(_("area"), max_length=32, blank=True)

    class Meta(VersionedReference.Meta):
        verbose_name = _("violation (catalogue)")
        verbose_name_plural = _("violations catalogue")
        ordering = ["article", "clause", "point", "code"]

    def __str__(self) -> str:
        return f"{self.citation} — {self.description[:80]}"

    @property
    def citation(self) -> str:
        parts = []
        if self.point:
            parts.append(f"điểm {self.point}")
        if self.clause:
            parts.append(f"khoản {self.clause}")
        parts.append(f"Điều {self.article}")
        return " ".join(parts) + f" NĐ {self.decree}"


class FineRule(CodedRule):
    """How the fine moves within its range for mitigating and aggravating circumstances.

    NĐ 68/2025 (amending NĐ 118/2021): the midpoint by default; one mitigating circumstance →
    between the minimum and the midpoint; two or more → the minimum; aggravating symmetric.
    Positions are fractions of the range from the minimum (0) to the maximum (1).
    """

    USED_FOR = _("Where a proposed fine sits in its range.")

    base_position = models.DecimalField(
        _("position without circumstances"), max_digits=4, decimal_places=3, default=Decimal("0.5")
    )
    one_factor_position = models.DecimalField(
        _("position after one circumstance"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.25"),
        help_text=_("Distance from the minimum (mitigating) or the maximum (aggravating)."),
    )
    two_factor_position = models.DecimalField(
        _("position after two or more circumstances"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0"),
        help_text=_("Distance from the minimum (mitigating) or the maximum (aggravating)."),
    )

    offsetting = models.BooleanField(
        _("mitigating and aggravating circumstances offset each other"),
        default=False,
        help_text=_(
            "Tick only when the legal text says so; otherwise a fine with both kinds stays at "
            "the position without circumstances."
        ),
    )

    class Meta(CodedRule.Meta):
        verbose_name = _("fine-setting rule")
        verbose_name_plural = _("fine-setting rules")


class ProfitFineRule(CodedRule):
    """Fines above the tiers (Law on Metrology Art. 52(5)): when the illegal profit exceeds the
    maximum fine for metrology, the fine is ``multiple_min`` to ``multiple_max`` × the profit,
    imposed only by the authority named in ``authority``."""

    USED_FOR = _(
        "Fines above the tiers when the illegal profit exceeds the maximum fine (a decision "
        "needs the official amount while unconfirmed)."
    )

    max_fine_individual = _money(_("maximum fine for metrology, individuals (VND)"))
    max_fine_organisation = _money(_("maximum fine for metrology, organisations (VND)"))
    multiple_min = models.DecimalField(
        _("lowest multiple of the profit"), max_digits=5, decimal_places=2, default=Decimal(1)
    )
    multiple_max = models.DecimalField(
        _("highest multiple of the profit"), max_digits=5, decimal_places=2, default=Decimal(5)
    )
    authority = models.CharField(_("who may impose it"), max_length=255, blank=True)

    class Meta(CodedRule.Meta):
        verbose_name = _("fine above the tiers (multiple of the profit)")
        verbose_name_plural = _("fines above the tiers (multiples of the profit)")


_SANCTION_SCOPE = ScopeSpec(
    province="inspection__province_id",
    commune="inspection__commune_id",
    roles={
        "view": FIELD_READERS,
        "export": FIELD_READERS,
        "create": FIELD_STAFF,
        "change": FIELD_STAFF,
        "archive": PLANNERS,
    },
)


class Violation(AuditedModel):
    """A violation found at an inspection, tied to its act in the catalogue and its fine."""

    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="violations",
    )
    violation_type = models.ForeignKey(
        ViolationType,
        verbose_name=_("act (catalogue)"),
        on_delete=models.PROTECT,
        related_name="violations",
    )
    committed_on = models.DateField(_("date of the violation"))
    description = models.TextField(_("what was found"), blank=True)
    offender_kind = models.CharField(
        _("offender"),
        max_length=16,
        choices=OffenderKind.choices,
        default=OffenderKind.ORGANISATION,
    )
    mitigating = models.PositiveSmallIntegerField(_("mitigating circumstances"), default=0)
    aggravating = models.PositiveSmallIntegerField(_("aggravating circumstances"), default=0)
    fine_min = _money(_("minimum fine applied (VND)"))
    fine_max = _money(_("maximum fine applied (VND)"))
    proposed_fine = _money(_("proposed fine (VND)"))
    decided_fine = _money(_("fine decided (VND)"), null=True, blank=True)
    catalogue_version = models.CharField(_("catalogue version used"), max_length=100)
    fine_rule_version = models.CharField(_("fine rule version used"), max_length=100, blank=True)
    placeholder = models.BooleanField(
        _("amount or article unconfirmed"),
        default=False,
        db_default=False,
        editable=False,
        help_text=_(
            "The catalogue row or fine rule used was unconfirmed: a sanction decision needs the "
            "official amount and its citation entered by an authorised officer first."
        ),
    )
    official_amount = _money(_("official fine (VND)"), null=True, blank=True, editable=False)
    official_citation = models.CharField(
        _("citation of the official amount"),
        max_length=255,
        blank=True,
        default="",
        db_default="",
        editable=False,
    )
    official_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("official amount entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    illegal_profit = _money(_("illegal profit (VND)"), null=True, blank=True)
    illegal_profit_detail = models.JSONField(
        _("illegal profit calculation"), default=dict, blank=True
    )

    scope = _SANCTION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        ordering = ["inspection", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposed_fine__gte=models.F("fine_min"))
                & models.Q(proposed_fine__lte=models.F("fine_max")),
                name="%(app_label)s_%(class)s_proposed_in_range",
                violation_error_message=_("The proposed fine lies outside the range in force."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.violation_type.citation} · {self.inspection.decision_number}"

    @property
    def awaits_official_amount(self) -> bool:
        """A placeholder row whose official amount and citation are not entered yet."""
        return self.placeholder and self.official_amount is None

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection_detail", args=[self.inspection_id])


class SanctionDecision(AuditedModel):
    """The decision imposing administrative sanctions after a signed inspection record."""

    inspection = models.OneToOneField(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="decision",
    )
    number = models.CharField(_("decision number"), max_length=64, unique=True)
    decided_on = models.DateField(_("date of the decision"))
    signed_by_name = models.CharField(_("signed by"), max_length=150, blank=True)
    total_fine = _money(_("total fine (VND)"))
    payment_due = models.DateField(_("pay by"))
    payment_status = models.CharField(
        _("payment"), max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=64, blank=True)
    transferred_to = models.CharField(
        _("transferred to"), max_length=32, choices=TransferTarget.choices, blank=True
    )
    transferred_on = models.DateField(_("transferred on"), null=True, blank=True)
    transfer_reference = models.CharField(_("transfer reference"), max_length=100, blank=True)

    scope = ScopeSpec(
        province="inspection__province_id",
        commune="inspection__commune_id",
        roles={
            "view": FIELD_READERS,
            "export": FIELD_READERS,
            "create": DECIDERS,
            "change": DECIDERS,
            "archive": DECIDERS,
        },
    )
    objects = ScopedQuerySet.as_manager()

    #: What the decision's page and the API show.
    DETAIL_FIELDS: ClassVar = (
        "number",
        "inspection",
        "decided_on",
        "signed_by_name",
        "total_fine",
        "payment_due",
        "payment_status",
        "paid_on",
        "receipt_number",
        "transferred_to",
        "transferred_on",
        "transfer_reference",
    )

    class Meta:
        verbose_name = _("sanction decision")
        verbose_name_plural = _("sanction decisions")
        ordering = ["-decided_on", "-id"]
        indexes = [
            # Overdue check (daily command): unpaid decisions by due date.
            models.Index(
                fields=["payment_due"],
                condition=models.Q(payment_status="unpaid"),
                name="insp_decision_unpaid_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("inspections:decision_detail", args=[self.pk])


class RemedyAction(AuditedModel):
    """A remedial measure ordered with its deadline; a daily command reminds until done."""

    decision = models.ForeignKey(
        SanctionDecision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="remedies",
    )
    measure = models.CharField(_("measure"), max_length=500)
    deadline = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("remedial measure")
        verbose_name_plural = _("remedial measures")
        ordering = ["deadline", "id"]
        indexes = [
            # Daily reminder command: open measures by deadline.
            models.Index(
                fields=["deadline"],
                condition=models.Q(done_on__isnull=True),
                name="insp_remedy_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} ({self.deadline:%d/%m/%Y})"
