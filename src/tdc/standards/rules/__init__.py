"""The catalogue's arithmetic, with no Django: the notation of standards and regulations
(``notation``) and a document's status on a day from its dated events (``status``)."""

from tdc.standards.rules.notation import Designation as Designation
from tdc.standards.rules.notation import NotationError as NotationError
from tdc.standards.rules.notation import canonical as canonical
from tdc.standards.rules.notation import compact_key as compact_key
from tdc.standards.rules.notation import parse as parse
from tdc.standards.rules.status import Event as Event
from tdc.standards.rules.status import Status as Status
from tdc.standards.rules.status import status_on as status_on

__all__ = [
    "Designation",
    "Event",
    "NotationError",
    "Status",
    "canonical",
    "compact_key",
    "parse",
    "status_on",
]
