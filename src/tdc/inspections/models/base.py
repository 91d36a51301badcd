"""Who may do what with inspection records (DESIGN.md §1)."""

from __future__ import annotations

from tdc.core.roles import Role

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
