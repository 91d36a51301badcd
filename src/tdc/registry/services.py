"""Writes to organisations: create, update, archive (dissolve) and merge, each audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, save_changes, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.core.text import vn_fold
from tdc.registry.choices import OrganisationStatus
from tdc.registry.models import Organisation
from tdc.registry.validators import normalise_tax_code

if TYPE_CHECKING:
    from tdc.accounts.models import User

ORGANISATION_FIELDS = (
    "kind",
    "name",
    "short_name",
    "english_name",
    "tax_code",
    "province",
    "commune",
    "address",
    "legacy_address",
    "legal_representative",
    "phone",
    "email",
    "status",
)


def organisation_search_text(org: Organisation) -> str:
    """The folded text the organisation search matches (names, tax code, address)."""
    parts = [org.name, org.short_name, org.english_name, org.tax_code, org.address]
    return vn_fold(" ".join(part for part in parts if part))


def _prepare(org: Organisation) -> None:
    """Normalise and cross-check fields before validation."""
    if org.tax_code:
        try:
            org.tax_code = normalise_tax_code(org.tax_code)
        except ValidationError as exc:
            raise ValidationError({"tax_code": exc.error_list}) from exc
    else:
        org.tax_code = None
    if org.commune is not None:
        commune_province = org.commune.province_id
        if org.province_id and org.province_id != commune_province:
            raise ValidationError(
                {
                    "commune": _(
                        "The commune {commune} is not in the province chosen; choose a commune "
                        "of that province or change the province."
                    ).format(commune=org.commune)
                }
            )
        org.province_id = commune_province
    org.search_text = organisation_search_text(org)
    if org.tax_code:
        clash = Organisation.objects.filter(tax_code=org.tax_code).exclude(pk=org.pk).first()
        if clash is not None:
            raise ValidationError(
                {
                    "tax_code": _(
                        "The tax code {code} already belongs to “{name}” (no. {pk}); open that "
                        "record instead of creating another."
                    ).format(code=org.tax_code, name=clash.name, pk=clash.pk)
                }
            )


@transaction.atomic
def organisation_create(*, by: User, **fields: Any) -> Organisation:
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    org = Organisation(**fields, created_by=by, modified_by=by)
    _prepare(org)
    org.full_clean()
    org.save()
    audit_record(actor=by, obj=org, action=AuditAction.CREATED)
    return org


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by: User, expected_version: int | None = None, **fields: Any
) -> Organisation:
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    check_version(org, expected_version)
    before = snapshot(org)
    for name, value in fields.items():
        if name not in ORGANISATION_FIELDS:
            raise TypeError(f"unknown organisation field: {name}")
        setattr(org, name, value)
    _prepare(org)
    org.full_clean()
    if not save_changes(org, by=by, before=before):
        return org
    action = AuditAction.STATUS_CHANGED if before["status"] != org.status else AuditAction.UPDATED
    audit_record(actor=by, obj=org, action=action, before=before)
    return org


@transaction.atomic
def organisation_archive(*, organisation: Organisation, by: User, reason: str) -> Organisation:
    """Mark an organisation dissolved; regulated records are never deleted."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason (e.g. the dissolution decision).")})
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = snapshot(org)
    org.status = OrganisationStatus.DISSOLVED
    org.version += 1
    org.modified_by = by
    org.save(update_fields=["status", "version", "modified_by", "modified_at"])
    audit_record(
        actor=by, obj=org, action=AuditAction.ARCHIVED, before=before, details={"reason": reason}
    )
    return org


def _referencing_fields() -> list[models.ForeignObject[Any, Any]]:
    """Every foreign key in the project that points at Organisation."""
    fields = []
    for rel in Organisation._meta.related_objects:
        if rel.many_to_many or not getattr(rel, "field", None):
            continue
        if rel.field.model is Organisation and rel.field.name == "merged_into":
            continue
        fields.append(rel.field)
    return fields


@transaction.atomic
def organisation_merge(
    *, keep: Organisation, duplicate: Organisation, by: User, reason: str = ""
) -> Organisation:
    """Merge a duplicate into ``keep``: re-point every reference, then retire the duplicate."""
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Choose two different organisations to merge."))
    locked = {
        o.pk: o
        for o in Organisation.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])
    }
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]
    if duplicate.merged_into_id:
        raise ValidationError(_("This organisation was already merged into another one."))
    moved: dict[str, int] = {}
    for field in _referencing_fields():
        count = field.model._default_manager.filter(**{field.name: duplicate}).update(
            **{field.name: keep}
        )
        if count:
            moved[f"{field.model._meta.label}.{field.name}"] = count
    before = snapshot(duplicate)
    duplicate_tax_code = duplicate.tax_code
    duplicate.merged_into = keep
    duplicate.status = OrganisationStatus.DISSOLVED
    duplicate.tax_code = None  # the tax code now belongs to the surviving record
    duplicate.version += 1
    duplicate.modified_by = by
    duplicate.save()
    if not keep.tax_code and duplicate_tax_code:
        keep.tax_code = duplicate_tax_code
        keep.version += 1
        keep.save(update_fields=["tax_code", "version", "modified_at"])
    details = {"reason": reason, "kept": keep.pk, "retired": duplicate.pk, "moved": moved}
    audit_record(actor=by, obj=duplicate, action=AuditAction.MERGED, before=before, details=details)
    audit_record(actor=by, obj=keep, action=AuditAction.MERGED, details=details)
    return keep
