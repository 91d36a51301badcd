"""The one error the quantity rules raise: an input that cannot be evaluated, and what to do."""

from __future__ import annotations

from typing import Any


class RuleInputError(ValueError):
    """An input the rules cannot evaluate.

    ``field`` names the input (``nominal_quantity``, ``unit``, ``lot_size``, ``measurements``,
    ``tare``, ``rules_version``, ``quantity_kind``); ``message`` says in English what is wrong and
    what to do; ``message_vi`` says the same in Vietnamese; ``code`` and ``params`` let a caller
    word the message itself.
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
