"""Who may do what with inspection records (DESIGN.md §1), and what several records share: a
team member's role, and a rule's version named by its code."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdc.core.models import VersionedReference
from tdc.core.roles import Role
from tdc.inspections.choices import TeamRole

#: Province-level staff who see every inspection record of their province.
PROVINCE_READERS = frozenset(
    {Role.SYSTEM_ADMIN, Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER, Role.INSPECTOR}
)
#: Readers of plans and inspections, national users included (read only).
READERS = PROVINCE_READERS | {Role.NATIONAL_USER}
#: Readers of field records: commune officers see those of their commune.
FIELD_READERS = READERS | {Role.COMMUNE_OFFICER}
#: Who drafts plans and campaigns.
PLANNERS = frozenset({Role.SYSTEM_ADMIN, Role.PROVINCIAL_OFFICER})
#: Who works in the field: records inspections, answers, photos, signatures, violations.
FIELD_STAFF = frozenset(
    {Role.SYSTEM_ADMIN, Role.PROVINCIAL_OFFICER, Role.INSPECTOR, Role.COMMUNE_OFFICER}
)
#: Who approves plans (only provincial leaders).
APPROVERS = frozenset({Role.PROVINCIAL_LEADER})
#: Who issues sanction decisions and records payment.
DECIDERS = frozenset({Role.SYSTEM_ADMIN, Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER})


def team_officer(related_name: str) -> Any:
    """The officer of a team membership (their memberships are ``related_name``)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name=related_name,
    )


def one_membership(team_of: str) -> models.UniqueConstraint:
    """An officer is in the team of one ``team_of`` once."""
    return models.UniqueConstraint(
        fields=[team_of, "user"],
        name="%(app_label)s_%(class)s_unique_member",
        violation_error_message=_("This officer is already in the team."),
    )


class TeamMember(models.Model):
    """An officer of a team (a campaign's or an inspection's) and their role: head or member."""

    role = models.CharField(
        _("role in the team"), max_length=16, choices=TeamRole.choices, default=TeamRole.MEMBER
    )

    class Meta:
        abstract = True
        ordering = ["role", "id"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"  # type: ignore[attr-defined]


class CodedRule(VersionedReference):
    """A version of a nation-wide rule named by its code (``default`` unless told)."""

    code = models.SlugField(_("code"), max_length=32, default="default")

    class Meta(VersionedReference.Meta):
        abstract = True
        ordering = ["code", "-effective_from"]

    def __str__(self) -> str:
        return f"{self.code} @ {self.effective_from:%d/%m/%Y}"
