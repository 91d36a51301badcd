"""Every write of the product-quality module: keyword-only, typed, atomic, audited."""

from tdc.quality.services.bodies import body_create as body_create
from tdc.quality.services.bodies import body_reinstate as body_reinstate
from tdc.quality.services.bodies import body_suspend as body_suspend
from tdc.quality.services.bodies import body_update as body_update
from tdc.quality.services.declarations import RECEIPT_SERIES as RECEIPT_SERIES
from tdc.quality.services.declarations import declaration_accept as declaration_accept
from tdc.quality.services.declarations import declaration_covering_lot as declaration_covering_lot
from tdc.quality.services.declarations import declaration_file as declaration_file
from tdc.quality.services.declarations import declaration_refuse as declaration_refuse
from tdc.quality.services.declarations import declaration_withdraw as declaration_withdraw
from tdc.quality.services.imports import import_complete as import_complete
from tdc.quality.services.imports import import_confirm as import_confirm
from tdc.quality.services.imports import import_decide as import_decide
from tdc.quality.services.imports import import_event_record as import_event_record
from tdc.quality.services.imports import import_exempt as import_exempt
from tdc.quality.services.imports import import_label_fix as import_label_fix
from tdc.quality.services.imports import import_missed as import_missed
from tdc.quality.services.imports import import_missed_sweep as import_missed_sweep
from tdc.quality.services.imports import import_reassess as import_reassess
from tdc.quality.services.imports import import_record_clearance as import_record_clearance
from tdc.quality.services.imports import import_register as import_register
from tdc.quality.services.imports import import_remediate as import_remediate
from tdc.quality.services.warnings import warning_create as warning_create
from tdc.quality.services.warnings import warning_publish as warning_publish
from tdc.quality.services.warnings import warning_update as warning_update
from tdc.quality.services.warnings import warning_withdraw as warning_withdraw
