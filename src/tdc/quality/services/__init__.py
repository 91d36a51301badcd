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
from tdc.quality.services.warnings import warning_create as warning_create
from tdc.quality.services.warnings import warning_publish as warning_publish
from tdc.quality.services.warnings import warning_update as warning_update
from tdc.quality.services.warnings import warning_withdraw as warning_withdraw
