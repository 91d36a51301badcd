"""Field inspections: the decision, the team, checklist answers, instruments, signatures."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel, VersionedReference
from tdc.core.plausibility import Plausible
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.inspections.choices import (
    Answer,
    InspectionArea,
    InspectionStatus,
    NoticeKind,
)
from tdc.inspections.models.base import (
    DECIDERS,
    FIELD_READERS,
    FIELD_STAFF,
    PLANNERS,
    TeamMember,
    one_membership,
    team_officer,
)


class ChecklistItem(VersionedReference):
    """One question of the checklist of an area, with the legal basis it checks."""

    code = models.SlugField(_("code"), max_length=32)
    area = models.CharField(_("area"), max_length=32, choices=InspectionArea.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=500)

    class Meta(VersionedReference.Meta):
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["area", "order", "code"]

    def __str__(self) -> str:
        return self.text


class Inspection(AuditedModel):
    """An inspection of one organisation under an inspection decision, done in the field.

    Answers are saved one by one as the team works (a dropped connection loses nothing). Once
    the inspected party and the head of the team have signed, the record (Mẫu 5. BBKT) is
    final; a sanction decision needs that signed record.
    """

    decision_number = models.CharField(_("inspection decision number"), max_length=64)
    decision_date = models.DateField(_("date of the inspection decision"))
    campaign = models.ForeignKey(
        "inspections.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation inspected"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    area = models.CharField(_("area"), max_length=32, choices=InspectionArea.choices)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    address = models.CharField(_("place of inspection"), max_length=255, blank=True)
    inspected_on = models.DateField(_("date of inspection"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InspectionStatus.choices,
        default=InspectionStatus.DRAFT,
    )
    representative = models.CharField(
        _("representative of the inspected party"), max_length=150, blank=True
    )
    findings = models.TextField(_("findings"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    position_accuracy = models.DecimalField(
        _("position accuracy (m)"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    party_signature = models.ForeignKey(
        "attachments.Attachment",
        verbose_name=_("signature of the inspected party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    head_signature = models.ForeignKey(
        "attachments.Attachment",
        verbose_name=_("signature of the head of the team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    record_number = models.CharField(_("record number"), max_length=64, blank=True)
    record_signed_at = models.DateTimeField(_("record signed at"), null=True, blank=True)
    suspension_due = models.DateField(
        _("suspension notice due"),
        null=True,
        blank=True,
        help_text=_("3 working days after the record (TT 28/2013 as amended by TT 10/2022)."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    plausible = Plausible(not_in_future=("inspected_on",))

    scope = ScopeSpec(
        province="province_id",
        commune="commune_id",
        roles={
            "view": FIELD_READERS,
            "export": FIELD_READERS,
            "create": FIELD_STAFF,
            "change": FIELD_STAFF,
            "archive": PLANNERS,
            "approve": DECIDERS,
        },
    )
    objects = ScopedQuerySet.as_manager()

    #: What the team writes on the record while it is a draft (form, service).
    EDIT_FIELDS: ClassVar = ("address", "inspected_on", "representative", "findings", "conclusion")
    #: What the inspection's page shows.
    DETAIL_FIELDS: ClassVar = (
        "decision_number",
        "decision_date",
        "organisation",
        "area",
        "campaign",
        "commune",
        "address",
        "inspected_on",
        "status",
        "representative",
        "findings",
        "conclusion",
        "record_number",
        "record_signed_at",
        "suspension_due",
        "latitude",
        "longitude",
    )

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision_number"],
                name="%(app_label)s_%(class)s_unique_decision_number",
                violation_error_message=_("Another inspection already has this decision number."),
            )
        ]
        indexes = [
            # Inspection list of one province, newest first; statistics by month.
            models.Index(fields=["province", "-inspected_on"], name="insp_prov_date_idx"),
            # Commune officers' list.
            models.Index(fields=["commune", "-inspected_on"], name="insp_commune_date_idx"),
            # De-confliction and risk score: inspections of one organisation.
            models.Index(fields=["organisation", "-inspected_on"], name="insp_org_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} · {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == InspectionStatus.DRAFT

    @property
    def record_signed(self) -> bool:
        return self.record_signed_at is not None


class InspectionTeamMember(TeamMember):
    """An officer of the inspection team and their role."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="team"
    )
    user = team_officer("inspection_memberships")

    class Meta(TeamMember.Meta):
        verbose_name = _("inspection team member")
        verbose_name_plural = _("inspection team members")
        constraints = [one_membership("inspection")]


class ChecklistAnswer(models.Model):
    """The team's answer to one checklist item, saved as soon as it is entered."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="answers"
    )
    answer = models.CharField(_("answer"), max_length=16, choices=Answer.choices)
    note = models.TextField(_("note"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        ordering = ["item__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "item"],
                name="%(app_label)s_%(class)s_unique_answer",
                violation_error_message=_("This item is already answered; change that answer."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.get_answer_display()}"


class InstrumentCheck(models.Model):
    """A measuring instrument looked at during the inspection: its stamp and seals.

    ``instrument_id`` points at the metrology register when the instrument is there; the
    certificate and stamp facts read from it are copied, so the record keeps what was seen.
    """

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="instrument_checks",
    )
    instrument_id = models.BigIntegerField(_("instrument in the register"), null=True, blank=True)
    description = models.CharField(_("instrument"), max_length=255)
    serial_number = models.CharField(_("serial number"), max_length=64, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    certificate_valid_until = models.DateField(_("certificate valid until"), null=True, blank=True)
    stamp_serial = models.CharField(_("stamp serial"), max_length=64, blank=True)
    stamp_valid = models.BooleanField(_("stamp present and valid"), null=True, blank=True)
    seals_intact = models.BooleanField(_("seals intact"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("instrument checked")
        verbose_name_plural = _("instruments checked")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class InspectionNotice(AuditedModel):
    """A numbered document issued after the record: suspension, resumption or sealing."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices)
    number = models.CharField(_("number"), max_length=64)
    issued_on = models.DateField(_("date of issue"))
    seal_numbers = models.CharField(
        _("seal sticker numbers"),
        max_length=255,
        blank=True,
        help_text=_(
            "For a sealing record: the numbers of the seal stickers (Mẫu 9), comma-separated."
        ),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("inspection notice")
        verbose_name_plural = _("inspection notices")
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
