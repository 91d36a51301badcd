"""The field lists of the metrology records, each written once.

The services accept the editable fields, the forms offer the entry fields, the detail pages show
the detail fields and the serializers expose them; all read these tuples, so a field added to a
model is added here and appears everywhere it belongs.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _


def with_labels(fields: Sequence[str], **labels: Sequence[str]) -> list[str]:
    """``fields`` with the read-only labels of a relation right after it (the serializers'
    spelling), e.g. ``owner`` then ``owner_name`` and ``owner_tax_code``."""
    spelled: list[str] = []
    for name in fields:
        spelled.append(name)
        spelled.extend(labels.get(name, ()))
    return spelled


# --- instruments ------------------------------------------------------------------------------

#: What an instrument is and where it stands, as entered by its owner or an officer.
INSTRUMENT_DESCRIPTION = (
    "type_code",
    "manufacturer",
    "manufacturer_country",
    "model_name",
    "serial_number",
    "manufactured_year",
    "type_approval_number",
    "type_approval_valid_from",
    "type_approval_valid_to",
    "accuracy_class",
    "measuring_range",
    "max_capacity",
    "min_capacity",
    "verification_interval",
    "scale_interval",
    "unit",
    "province",
    "commune",
    "address",
    "latitude",
    "longitude",
)
#: The fields of the instrument form.
INSTRUMENT_ENTRY = ("owner", *INSTRUMENT_DESCRIPTION)
#: The status, changed with its reason (a screen of its own; the API takes it with the rest).
INSTRUMENT_STATUS = ("status", "status_reason")
#: Everything the register's services accept.
INSTRUMENT_EDITABLE = (*INSTRUMENT_ENTRY, *INSTRUMENT_STATUS)
#: Kept by the system: the due date (verifications) and the re-verification flag (reverse
#: traceability).
INSTRUMENT_KEPT = ("next_due_date", "needs_reverification", "reverification_reason")
#: The instrument page.
INSTRUMENT_DETAIL = (*INSTRUMENT_EDITABLE, *INSTRUMENT_KEPT, "archived_at", "archive_reason")

# --- designations and verifiers ---------------------------------------------------------------

#: What the designation decision says.
DESIGNATION_DECISION = (
    "organisation",
    "decision_number",
    "decision_date",
    "issued_by",
    "valid_from",
    "valid_to",
)
#: Suspension and revocation (their own services).
DESIGNATION_STATUS = ("status", "status_reason", "suspended_until")
#: The designation form and services.
DESIGNATION_EDITABLE = (*DESIGNATION_DECISION, "notes")
#: The designation page.
DESIGNATION_DETAIL = (*DESIGNATION_DECISION, *DESIGNATION_STATUS, "notes")

#: The verifier form.
VERIFIER_ENTRY = (
    "organisation",
    "designation",
    "full_name",
    "birth_year",
    "card_number",
    "decision_number",
    "valid_from",
    "valid_to",
)
#: Everything the verifier services accept (the account is linked by administrators).
VERIFIER_EDITABLE = (*VERIFIER_ENTRY, "user")
VERIFIER_STATUS = ("status", "status_reason")
#: The verifier page.
VERIFIER_DETAIL = (*VERIFIER_ENTRY, *VERIFIER_STATUS)

# --- measurement standards --------------------------------------------------------------------

#: The standard form.
STANDARD_ENTRY = (
    "level",
    "name",
    "identifier",
    "quantity",
    "measuring_range",
    "uncertainty",
    "manufacturer",
    "model_name",
    "serial_number",
    "holder",
    "parent",
    "certified_for_group2",
    "group2_certificate_number",
    "group2_certified_until",
)
#: Everything the standard services accept.
STANDARD_EDITABLE = (*STANDARD_ENTRY, "status", "status_reason")
#: The standard page and endpoint.
STANDARD_DETAIL = (*STANDARD_ENTRY, "status")

#: The calibration form and service.
CALIBRATION_ENTRY = (
    "laboratory",
    "laboratory_name",
    "certificate_number",
    "calibrated_on",
    "valid_until",
    "result",
    "notes",
)

# --- markets ----------------------------------------------------------------------------------

#: The market page and endpoint.
MARKET_DETAIL = ("name", "province", "commune", "address", "management_board", "status")
#: The market form and services.
MARKET_EDITABLE = (*MARKET_DETAIL, "notes")

#: The reference-weight form.
REFERENCE_WEIGHT_ENTRY = (
    "kind",
    "nominal_value",
    "unit",
    "accuracy_class",
    "serial_number",
    "last_verified_on",
    "verification_valid_until",
    "certificate_number",
)
#: Everything the reference-weight service accepts.
REFERENCE_WEIGHT_EDITABLE = (*REFERENCE_WEIGHT_ENTRY, "instrument", "in_use")

#: The market-check form.
MARKET_CHECK_ENTRY = ("checked_on", "scales_checked", "scales_failed", "result", "findings")
#: Everything the market-check service accepts (the officer defaults to the actor).
MARKET_CHECK_EDITABLE = (*MARKET_CHECK_ENTRY, "officer")

# --- verifications and certificates -----------------------------------------------------------

#: What was verified, by whom, where and with what result.
VERIFICATION_OUTCOME = (
    "instrument",
    "kind",
    "verified_on",
    "organisation",
    "verifier",
    "place",
    "place_address",
    "result",
    "failure_reason",
)
#: A verification as stored (the endpoint's order, and the columns the fast import copies).
VERIFICATION_RECORD = (
    *VERIFICATION_OUTCOME,
    "rules_version",
    "certificate_number",
    "valid_until",
    "stamp_serial",
    "type_code",
    "province",
    "commune",
    "owner",
    "notes",
)
#: The verification page.
VERIFICATION_DETAIL = (
    *VERIFICATION_OUTCOME,
    "certificate_number",
    "valid_until",
    "stamp_serial",
    "mpe_stage",
    "mpe_basis",
    "rules_version",
    "owner",
    "notes",
)

#: What a certificate prints (TT 24/2013 Art. 41), copied when it is issued.
CERTIFICATE_PRINTED = (
    "instrument_name",
    "instrument_model",
    "serial_number",
    "manufacturer",
    "manufacturer_country",
    "characteristics",
    "owner_name",
    "owner_address",
    "place",
    "method",
    "conclusion",
    "stamp_serial",
    "valid_until",
    "verifier_name",
)
#: The certificate's status, shown on its public page.
CERTIFICATE_STATUS = ("status", "status_reason", "status_changed_at")
#: The certificate page.
CERTIFICATE_DETAIL = (
    "number",
    "issued_by",
    "issued_on",
    *CERTIFICATE_PRINTED,
    *CERTIFICATE_STATUS,
)

#: The batch form and page.
STAMP_BATCH_ENTRY = (
    "organisation",
    "kind",
    "prefix",
    "first_number",
    "last_number",
    "number_width",
    "issued_on",
    "notes",
)

# --- reverse traceability ---------------------------------------------------------------------

#: What an officer enters about a standard found out of tolerance.
FINDING_ENTRY = ("standard", "found_on", "calibration", "last_good_calibration", "notes")
#: The finding page.
FINDING_DETAIL = (*FINDING_ENTRY, "status", "affected_count", "acted_by", "acted_at")

#: The instrument page by topic (empty topics fold).
INSTRUMENT_DETAIL_GROUPS = (
    (
        _("Instrument"),
        (
            "owner",
            "type_code",
            "manufacturer",
            "manufacturer_country",
            "model_name",
            "serial_number",
            "manufactured_year",
        ),
    ),
    (
        _("Type approval"),
        ("type_approval_number", "type_approval_valid_from", "type_approval_valid_to"),
    ),
    (
        _("Metrological characteristics"),
        (
            "accuracy_class",
            "measuring_range",
            "max_capacity",
            "min_capacity",
            "verification_interval",
            "scale_interval",
            "unit",
        ),
    ),
    (_("Place"), ("province", "commune", "address", "latitude", "longitude")),
    (
        _("Status and verification"),
        (
            "status",
            "status_reason",
            "next_due_date",
            "needs_reverification",
            "reverification_reason",
            "archived_at",
            "archive_reason",
        ),
    ),
)
