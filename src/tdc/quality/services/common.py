"""What the quality services share: a rules error as a form error in the user's language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import get_language

from tdc.quality.rules import QualityRuleError


def rule_error(exc: QualityRuleError) -> ValidationError:
    """The rules' refusal as a ``ValidationError`` on its field, in the active language."""
    language = get_language() or "vi"
    message = exc.message_vi if language.startswith("vi") else exc.message
    return ValidationError({exc.field: [ValidationError(message, code=exc.code)]})
