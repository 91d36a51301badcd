"""Which fields of the prepackaged-goods records are entered, shown and exchanged.

Each list is written once and reused by the forms, the services, the detail screens and the API
serializers, so a field added to a record is added in one place.
"""

from __future__ import annotations

# --- Quantity inspections ----------------------------------------------------------------------

#: The lot as the inspector describes it: day, product, packer or importer, place, lot details.
INSPECTION_LOT = (
    "inspected_on",
    "product_name",
    "product_category",
    "brand",
    "gtin",
    "packer",
    "packer_role",
    "province",
    "commune",
    "address",
    "lot_code",
    "production_date",
    "lot_size",
    "quantity_kind",
    "nominal_quantity",
    "unit",
    "tare_method",
)
#: The inspection this check belongs to, and the inspector's notes.
INSPECTION_CONTEXT = ("parent_inspection_ref", "notes")
#: What the inspector enters (screen and API) and the services accept.
INSPECTION_INPUT = (*INSPECTION_LOT, "tare_values", *INSPECTION_CONTEXT)
#: Lot details that change T or the sampling plan.
INSPECTION_PLAN = frozenset({"lot_size", "quantity_kind", "nominal_quantity", "unit"})
#: Fixed when the inspection opens: the rules version applied and the sample drawn.
INSPECTION_RULES = ("rules_version", "rules_source", "sample_size", "sample_seed")
#: What the decision stores.
INSPECTION_RESULT = (
    "decision",
    "tolerable_deficiency",
    "q_min",
    "t1_count",
    "t2_count",
    "mean",
    "shortfall_percent",
    "result",
    "decided_at",
)
#: The rows of the inspection's detail screen.
INSPECTION_DETAIL = ("status", *INSPECTION_LOT, *INSPECTION_RULES, *INSPECTION_CONTEXT)

# --- Quantity-mark declarations ----------------------------------------------------------------

#: The declaration as received: who declares what, where and when.
DECLARATION_FILE = ("declarant", "province", "products", "received_on")
#: What the officer enters (screen and API) to register a declaration.
DECLARATION_INPUT = (*DECLARATION_FILE, "supersedes")
#: How the declaration ended: stamped, replaced, closed.
DECLARATION_OUTCOME = ("accepted_on", "supersedes", "closed_on", "close_reason")
#: The rows of the declaration's detail screen.
DECLARATION_DETAIL = (
    "receipt_number",
    "status",
    *DECLARATION_FILE,
    "notice_due",
    "stamp_due",
    "notice_sent_on",
    "missing_items",
    "completion_due",
    "completed_on",
    *DECLARATION_OUTCOME,
)

# --- Quantity-mark certifications --------------------------------------------------------------

#: The certification file as received.
CERTIFICATION_FILE = ("applicant", "province", "products", "received_on")
#: What the officer enters (screen and API) to register a certification file.
CERTIFICATION_INPUT = (*CERTIFICATION_FILE, "renewal_of")
#: The certificate: assessment, issue, validity, suspension, renewal and closing.
CERTIFICATION_OUTCOME = (
    "team_set_on",
    "assessed_on",
    "issued_on",
    "valid_until",
    "reminder_sent_on",
    "suspended_until",
    "renewal_of",
    "closed_on",
    "close_reason",
)
#: The rows of the certification's detail screen.
CERTIFICATION_DETAIL = (
    "status",
    "certificate_number",
    *CERTIFICATION_FILE,
    "notice_due",
    "notice_sent_on",
    "missing_items",
    "completion_due",
    "completed_on",
    "team_due",
    "issue_due",
    *CERTIFICATION_OUTCOME,
)
