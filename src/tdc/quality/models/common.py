"""Role sets shared by the quality models' scopes."""

from __future__ import annotations

from tdc.core.roles import Role

PROVINCE_STAFF = {Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER, Role.SYSTEM_ADMIN}
SIGNERS = {Role.PROVINCIAL_LEADER, Role.SYSTEM_ADMIN}
