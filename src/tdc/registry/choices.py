from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    HOUSEHOLD = "household", _("Household business")
    STATE_AGENCY = "state_agency", _("State agency")
    VERIFICATION_ORG = "verification_org", _("Verification organisation")
    TESTING_LAB = "testing_lab", _("Testing laboratory")
    CERTIFICATION_BODY = "certification_body", _("Certification body")
    MARKET_BOARD = "market_board", _("Market management board")
    OTHER = "other", _("Other")


class OrganisationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    DISSOLVED = "dissolved", _("Dissolved")
