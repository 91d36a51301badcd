"""Reads for prepackaged goods: which quantity-rules version applies."""

from __future__ import annotations

from django.conf import settings

from tdc.prepackages.rules import RulesVersion, get_version


def rules_version_get(version_id: str | None = None) -> RulesVersion:
    """The rules version ``version_id``, or the deployment's default
    (``TDC_PREPACKAGE_RULES_VERSION``); raises ``RuleInputError`` for an unknown id."""
    return get_version(version_id or settings.TDC_PREPACKAGE_RULES_VERSION)


def rules_version_default_id() -> str:
    return str(settings.TDC_PREPACKAGE_RULES_VERSION)
