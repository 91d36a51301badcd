"""The one error the quality rules raise: an input they cannot decide on, and what to do."""

from __future__ import annotations

from typing import Any


class QualityRuleError(ValueError):
    """An input the rules cannot decide on.

    ``field`` names the input (``hs_code``, ``date``, ``body``, ``lab_report_date``…);
    ``message`` says in English what is wrong and what to do, ``message_vi`` the same in
    Vietnamese; ``code`` and ``params`` let a caller word the message itself.
    """

    def __init__(
        self,
        field: str,
        message: str,
        *,
        message_vi: str = "",
        code: str = "invalid",
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.message_vi = message_vi or message
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
