"""Roles of TĐC users and the actions scoping understands (DESIGN.md §1).

Roles are a closed list: each one decides which jurisdiction attribute of the user scopes what
they see (nation, province, commune or their own organisation).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    PROVINCIAL_LEADER = "provincial_leader", _("Provincial leader")
    PROVINCIAL_OFFICER = "provincial_officer", _("Provincial officer")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    INSPECTOR = "inspector", _("Inspector")
    VERIFICATION_STAFF = "verification_staff", _("Verification organisation staff")
    BUSINESS_USER = "business_user", _("Business user")
    NATIONAL_USER = "national_user", _("National user")


class Action(models.TextChoices):
    VIEW = "view", _("View")
    CREATE = "create", _("Create")
    CHANGE = "change", _("Change")
    ARCHIVE = "archive", _("Archive")
    EXPORT = "export", _("Export")
    APPROVE = "approve", _("Approve")


class Jurisdiction(models.TextChoices):
    NATION = "nation", _("Nation")
    PROVINCE = "province", _("Province")
    COMMUNE = "commune", _("Commune")
    ORGANISATION = "organisation", _("Own organisation")


#: Which jurisdiction attribute scopes each role.
ROLE_JURISDICTION: dict[str, str] = {
    Role.SYSTEM_ADMIN: Jurisdiction.NATION,
    Role.NATIONAL_USER: Jurisdiction.NATION,
    Role.PROVINCIAL_LEADER: Jurisdiction.PROVINCE,
    Role.PROVINCIAL_OFFICER: Jurisdiction.PROVINCE,
    Role.INSPECTOR: Jurisdiction.PROVINCE,
    Role.COMMUNE_OFFICER: Jurisdiction.COMMUNE,
    Role.VERIFICATION_STAFF: Jurisdiction.ORGANISATION,
    Role.BUSINESS_USER: Jurisdiction.ORGANISATION,
}

#: Roles of state officers, who must sign in with a second factor (TOTP).
STAFF_ROLES: frozenset[str] = frozenset(
    {
        Role.SYSTEM_ADMIN,
        Role.PROVINCIAL_LEADER,
        Role.PROVINCIAL_OFFICER,
        Role.COMMUNE_OFFICER,
        Role.INSPECTOR,
        Role.NATIONAL_USER,
    }
)

ALL_ROLES: frozenset[str] = frozenset(Role.values)
READ_ONLY_ACTIONS: frozenset[str] = frozenset({Action.VIEW, Action.EXPORT})
