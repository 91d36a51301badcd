"""System check: the configured prepackage rules version exists and its data files are sound."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from tdc.prepackages.rules import RuleInputError, RulesDataError, get_version


@checks.register()
def check_rules_version(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    version_id = settings.TDC_PREPACKAGE_RULES_VERSION
    try:
        get_version(version_id)
    except RulesDataError as exc:
        return [checks.Error(str(exc), id="prepackages.E001")]
    except RuleInputError as exc:
        return [
            checks.Error(
                f"TDC_PREPACKAGE_RULES_VERSION={version_id!r}: {exc.message}",
                hint="Set it to a version id listed in src/tdc/prepackages/rules/data/.",
                id="prepackages.E002",
            )
        ]
    return []
