"""Loads the library's reference data (``tdc load_reference``): the ICS tree (edition 7) and the
seed catalogue of real, sourced documents (``data/catalogue.yaml``). Idempotent: rows already
there are left as they are."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from tdc.standards import rules
from tdc.standards.models import IcsCode, Standard
from tdc.standards.services import standard_create, standard_event_add

DATA = Path(__file__).parent / "data"


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@transaction.atomic
def load_ics() -> int:
    """The ICS fields, groups and subgroups, with Vietnamese titles for the fields."""
    data = json.loads((DATA / "ics_ed7.json").read_text(encoding="utf-8"))
    titles_vi = yaml.safe_load((DATA / "ics_fields_vi.yaml").read_text(encoding="utf-8"))
    existing = set(IcsCode.objects.values_list("code", flat=True))
    rows = []
    for code, title in data["codes"]:
        if code in existing:
            continue
        parent = code.rsplit(".", 1)[0] if "." in code else None
        rows.append(
            IcsCode(code=code, parent_id=parent, title_en=title, title_vi=titles_vi.get(code, ""))
        )
    IcsCode.objects.bulk_create(rows, batch_size=500)
    return len(rows)


@transaction.atomic
def load_catalogue() -> int:
    """The seed catalogue; each document and event carries its source and confidence."""
    data = yaml.safe_load((DATA / "catalogue.yaml").read_text(encoding="utf-8"))
    sources: dict[str, str] = data["sources"]
    created: dict[str, Standard] = {}
    entries = data["standards"]
    for entry in entries:
        values = {k: v for k, v in entry.items() if k not in {"ics", "events"}}
        values["source"] = sources.get(values["source"], values["source"])
        for name in ("issued_on", "effective_from"):
            if name in values:
                values[name] = _date(values[name])
        key = rules.parse(values["designation"]).key
        standard = Standard.objects.filter(designation=key).first()
        if standard is None:
            standard = standard_create(by=None, ics_codes=entry.get("ics", ()), **values)
            created[standard.designation] = standard
    for entry in entries:
        standard = Standard.objects.get(designation=rules.parse(entry["designation"]).key)
        if standard.designation not in created:
            continue
        for event in entry.get("events", ()):
            successor = None
            if event.get("successor"):
                successor = Standard.objects.get(designation=rules.parse(event["successor"]).key)
            standard_event_add(
                standard=standard,
                by=None,
                kind=event["kind"],
                on=_date(event["date"]) or dt.date.min,
                successor=successor,
                reference=event.get("reference", ""),
                decision=event.get("decision", ""),
                note=event.get("note", ""),
                source=sources.get(event.get("source", ""), event.get("source", "")),
                confidence=event.get("confidence", ""),
            )
    return len(created)


def load() -> dict[str, int]:
    return {"ICS codes": load_ics(), "standards": load_catalogue()}
