"""Offline resolution of addresses, old or new, to the province and commune in force today.

An address written before 1 July 2025 names a commune, a district and one of the 63 old
provinces ("xã Phước Lý, huyện Cần Giuộc, tỉnh Long An"); one written since names a commune and
one of the 34 new provinces ("Xã Phước Lý, Tỉnh Tây Ninh"). :func:`resolve_address` reads either,
diacritic- and case-insensitively, tolerating unit prefixes and their abbreviations (TP.HCM, Q.1,
P.) and house-number text in front, and answers the new province and commune; an old commune that
was split between several new ones answers the list of candidates.

The whole index lives in memory, built once per process from the places tables.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tdc.core.text import vn_fold

# ---------------------------------------------------------------------------------------------
# Text normalisation

PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"
_LEVEL_PREFIXES: dict[str, frozenset[str]] = {
    PROVINCE: frozenset({"tinh", "thanh pho"}),
    DISTRICT: frozenset({"huyen", "quan", "thi xa", "thanh pho"}),
    COMMUNE: frozenset({"xa", "phuong", "thi tran", "dac khu"}),
}
_TWO_WORD_PREFIXES = frozenset({"thanh pho", "thi xa", "thi tran", "dac khu"})
_ONE_WORD_PREFIXES = frozenset({"tinh", "huyen", "quan", "xa", "phuong"})
_MAX_NAME_WORDS = 7

_ABBREVIATIONS = [
    (re.compile(r"\btp\s*\.?\s*hcm\b|\btphcm\b"), " thanh pho ho chi minh "),
    (re.compile(r"\btp\s*\.?\s*hn\b"), " thanh pho ha noi "),
    (re.compile(r"\btt\s*\."), " thi tran "),
    (re.compile(r"\btx\s*\."), " thi xa "),
    (re.compile(r"\btp\s*\.|\btp\b"), " thanh pho "),
    (re.compile(r"\bq\s*\.\s*|\bq(?=\d)"), " quan "),
    (re.compile(r"\b[pf]\s*\.\s*|\b[pf](?=\d)"), " phuong "),
    (re.compile(r"\bx\s*\."), " xa "),
    (re.compile(r"\bh\s*\."), " huyen "),
    (re.compile(r"\bt\s*\."), " tinh "),
]
_SEGMENT_SPLIT = re.compile(r"[,;\n|]+")
_NON_WORD = re.compile(r"[^0-9a-z ]+")

#: Other names people write for a province (folded, without prefix).
_PROVINCE_ALIASES = {
    "hcm": "ho chi minh",
    "sai gon": "ho chi minh",
    "saigon": "ho chi minh",
    "thua thien hue": "hue",
    "brvt": "ba ria vung tau",
}


def _tokens(folded: str) -> list[str]:
    text = _NON_WORD.sub(" ", folded.replace("'", "").replace("’", "").replace("-", " "))
    return [t.lstrip("0") or "0" if t.isdigit() else t for t in text.split()]


def _split_prefix(tokens: list[str]) -> tuple[str | None, list[str]]:
    if len(tokens) > 2 and " ".join(tokens[:2]) in _TWO_WORD_PREFIXES:
        return " ".join(tokens[:2]), tokens[2:]
    if len(tokens) > 1 and tokens[0] in _ONE_WORD_PREFIXES:
        return tokens[0], tokens[1:]
    return None, tokens


def bare_name(name: str) -> str:
    """The folded name of a unit without its type word: "Tỉnh Long An" → "long an"."""
    return " ".join(_split_prefix(_tokens(vn_fold(name)))[1])


def _segments(text: str) -> list[list[str]]:
    folded = vn_fold(text)
    for pattern, replacement in _ABBREVIATIONS:
        folded = pattern.sub(replacement, folded)
    return [tokens for part in _SEGMENT_SPLIT.split(folded) if (tokens := _tokens(part))]


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class PlaceRef:
    """A unit named by its official code and name."""

    code: str
    name: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True)
class Candidate:
    """A commune in force today that an address may now belong to."""

    commune: PlaceRef
    province: PlaceRef
    legacy_commune: PlaceRef | None = None
    partial: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.commune.as_dict(),
            "province": self.province.as_dict(),
            "legacy_commune": self.legacy_commune.as_dict() if self.legacy_commune else None,
            "partial": self.partial,
        }


@dataclass
class Resolution:
    """What an address resolves to: the new units, the old units matched, and candidates."""

    province: PlaceRef | None = None
    commune: PlaceRef | None = None
    legacy_province: PlaceRef | None = None
    legacy_district: PlaceRef | None = None
    legacy_commune: PlaceRef | None = None
    candidates: list[Candidate] = field(default_factory=list)
    #: "legacy" when the address was written with the pre-2025 units, "new" otherwise.
    style: str | None = None
    message: str = ""

    @property
    def found(self) -> bool:
        return self.province is not None or bool(self.candidates)

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    def as_dict(self) -> dict[str, Any]:
        def ref(value: PlaceRef | None) -> dict[str, str] | None:
            return value.as_dict() if value else None

        return {
            "found": self.found,
            "province": ref(self.province),
            "commune": ref(self.commune),
            "legacy": {
                "province": ref(self.legacy_province),
                "district": ref(self.legacy_district),
                "commune": ref(self.legacy_commune),
            },
            "ambiguous": self.ambiguous,
            "candidates": [c.as_dict() for c in self.candidates],
            "style": self.style,
            "message": self.message,
        }


# ---------------------------------------------------------------------------------------------
# Index


@dataclass(frozen=True)
class _Unit:
    code: str
    name: str
    kind_word: str
    parent: str  # province code (new or old); "" for provinces
    district: str = ""  # legacy communes only


_Names = dict[str, list[_Unit]]
_GLOBAL = "*"


@dataclass
class _Index:
    provinces: dict[str, _Unit] = field(default_factory=dict)
    communes: dict[str, _Unit] = field(default_factory=dict)
    legacy_provinces: dict[str, _Unit] = field(default_factory=dict)
    legacy_districts: dict[str, _Unit] = field(default_factory=dict)
    legacy_communes: dict[str, _Unit] = field(default_factory=dict)
    province_names: _Names = field(default_factory=dict)
    commune_names: dict[str, _Names] = field(default_factory=dict)  # by new province, and "*"
    legacy_province_names: _Names = field(default_factory=dict)
    legacy_district_names: dict[str, _Names] = field(default_factory=dict)  # by old province
    legacy_commune_names: dict[str, _Names] = field(default_factory=dict)  # by district/province
    commune_successors: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    province_successors: dict[str, list[str]] = field(default_factory=dict)
    district_communes: dict[str, list[str]] = field(default_factory=dict)


_KIND_WORDS = {
    "tinh": "tinh",
    "thanh_pho": "thanh pho",
    "xa": "xa",
    "phuong": "phuong",
    "dac_khu": "dac khu",
    "huyen": "huyen",
    "quan": "quan",
    "thi_xa": "thi xa",
    "thi_tran": "thi tran",
}

_lock = threading.Lock()
_index: _Index | None = None


def reset_index() -> None:
    """Forget the in-memory index (after the places tables were reloaded)."""
    global _index
    with _lock:
        _index = None


def _add(names: dict[str, _Names], keys: Iterable[str], name: str, unit: _Unit) -> None:
    bare = bare_name(name)
    for key in keys:
        names.setdefault(key, {}).setdefault(bare, []).append(unit)


def _build_current(ix: _Index) -> None:
    from tdc.places.models import Commune, Province

    for code, name, kind in Province.objects.values_list("code", "name", "kind"):
        unit = _Unit(code, name, _KIND_WORDS[kind], "")
        ix.provinces[code] = unit
        ix.province_names.setdefault(bare_name(name), []).append(unit)
    for code, name, kind, province in Commune.objects.values_list(
        "code", "name", "kind", "province_id"
    ):
        unit = _Unit(code, name, _KIND_WORDS[kind], province)
        ix.communes[code] = unit
        _add(ix.commune_names, (province, _GLOBAL), name, unit)


def _build_legacy(ix: _Index) -> None:
    from tdc.places.models import LegacyCommune, LegacyDistrict, LegacyProvince

    for code, name, kind in LegacyProvince.objects.values_list("code", "name", "kind"):
        unit = _Unit(code, name, _KIND_WORDS[kind], "")
        ix.legacy_provinces[code] = unit
        ix.legacy_province_names.setdefault(bare_name(name), []).append(unit)
    for code, name, kind, province in LegacyDistrict.objects.values_list(
        "code", "name", "kind", "province_id"
    ):
        unit = _Unit(code, name, _KIND_WORDS[kind], province)
        ix.legacy_districts[code] = unit
        _add(ix.legacy_district_names, (province, _GLOBAL), name, unit)
    for code, name, kind, district, province in LegacyCommune.objects.values_list(
        "code", "name", "kind", "district_id", "province_id"
    ):
        unit = _Unit(code, name, _KIND_WORDS[kind], province, district)
        ix.legacy_communes[code] = unit
        _add(ix.legacy_commune_names, (f"d{district}", province, _GLOBAL), name, unit)
        ix.district_communes.setdefault(district, []).append(code)


def _build_successions(ix: _Index) -> None:
    from tdc.places.models import CommuneSuccession, ProvinceSuccession

    successors: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for old, new, partial in CommuneSuccession.objects.order_by("commune_id").values_list(
        "legacy_commune_id", "commune_id", "partial"
    ):
        successors[old].append((new, partial))
    ix.commune_successors = dict(successors)
    provinces: dict[str, list[str]] = defaultdict(list)
    for old, new in ProvinceSuccession.objects.order_by("province_id").values_list(
        "legacy_province_id", "province_id"
    ):
        provinces[old].append(new)
    ix.province_successors = dict(provinces)


def _build() -> _Index:
    ix = _Index()
    _build_current(ix)
    _build_legacy(ix)
    _build_successions(ix)
    for alias, target in _PROVINCE_ALIASES.items():
        for names in (ix.province_names, ix.legacy_province_names):
            if target in names:
                names.setdefault(alias, names[target])
    return ix


def get_index() -> _Index:
    global _index
    index = _index
    if index is None:
        with _lock:
            if _index is None:
                _index = _build()
            index = _index
    return index


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True)
class _Match:
    units: tuple[_Unit, ...]
    consumed: int
    exact: bool  # the prefix written matches the unit's kind (or none was written)
    pos: tuple[int, int]  # where the rest of the address ends


def _previous(segments: list[list[str]], pos: tuple[int, int]) -> tuple[int, int] | None:
    seg, end = pos
    while end == 0:
        seg -= 1
        if seg < 0:
            return None
        end = len(segments[seg])
    return seg, end


def _preceding_prefix(tokens: list[str]) -> str | None:
    if len(tokens) >= 2 and " ".join(tokens[-2:]) in _TWO_WORD_PREFIXES:
        return " ".join(tokens[-2:])
    if tokens and tokens[-1] in _ONE_WORD_PREFIXES:
        return tokens[-1]
    return None


def _match(
    segments: list[list[str]],
    pos: tuple[int, int] | None,
    names: _Names | None,
    level: str,
    *,
    scoped: bool,
) -> _Match | None:
    """The longest unit name of ``level`` ending at ``pos`` (read right to left)."""
    if pos is None or not names:
        return None
    current = _previous(segments, pos)
    if current is None:
        return None
    seg, end = current
    tokens = segments[seg][:end]
    allowed = _LEVEL_PREFIXES[level]
    for length in range(min(end, _MAX_NAME_WORDS + 2), 0, -1):
        candidate = tokens[end - length : end]
        prefix, bare = _split_prefix(candidate)
        readings: list[tuple[str | None, list[str]]] = []
        if prefix is not None and prefix in allowed:
            readings.append((prefix, bare))
        before = _preceding_prefix(tokens[: end - length])
        # "huyện Cần Giuộc" is a district, whatever else bears that name.
        if before is None or before in allowed:
            readings.append((None, candidate))
        for written, words in readings:
            key = " ".join(words)
            units = names.get(key)
            if not units:
                continue
            if key.isdigit() and written is None and not scoped:
                continue  # a bare number ("12") names a unit only inside a known parent
            exact = [u for u in units if u.kind_word == written] if written else list(units)
            return _Match(tuple(exact or units), length, bool(exact), (seg, end - length))
    return None


@dataclass
class _Reading:
    """One interpretation of the address and how much of it it explains."""

    style: str
    province: _Match | None = None
    district: _Match | None = None
    commune: _Match | None = None

    @property
    def score(self) -> tuple[int, int, int]:
        parts = [m for m in (self.province, self.district, self.commune) if m]
        return (
            sum(m.consumed for m in parts),
            sum(1 for m in parts if m.exact),
            1 if self.style == "new" else 0,
        )


def _legacy_readings(
    ix: _Index, segments: list[list[str]], start: tuple[int, int]
) -> list[_Reading]:
    readings = []
    province = _match(segments, start, ix.legacy_province_names, PROVINCE, scoped=False)
    for p in (province, None):
        pos = p.pos if p else start
        pcode = p.units[0].code if p and len(p.units) == 1 else None
        district_names = ix.legacy_district_names.get(pcode or _GLOBAL)
        district = _match(segments, pos, district_names, DISTRICT, scoped=pcode is not None)
        for d in (district, None):
            dpos = d.pos if d else pos
            dcode = d.units[0].code if d and len(d.units) == 1 else None
            scope_key = f"d{dcode}" if dcode else (pcode or _GLOBAL)
            commune = _match(
                segments,
                dpos,
                ix.legacy_commune_names.get(scope_key),
                COMMUNE,
                scoped=scope_key != _GLOBAL,
            )
            if p or d or commune:
                readings.append(_Reading("legacy", p, d, commune))
    return readings


def _skip_district_segment(segments: list[list[str]], pos: tuple[int, int]) -> tuple[int, int]:
    """Mixed addresses ("xã X, huyện Y, tỉnh Z" with a new province) carry a dead district."""
    current = _previous(segments, pos)
    if current is None:
        return pos
    seg, end = current
    prefix, _rest = _split_prefix(segments[seg][:end])
    if prefix in _LEVEL_PREFIXES[DISTRICT] - _LEVEL_PREFIXES[PROVINCE]:
        return (seg, 0)
    return pos


def _new_readings(ix: _Index, segments: list[list[str]], start: tuple[int, int]) -> list[_Reading]:
    readings = []
    province = _match(segments, start, ix.province_names, PROVINCE, scoped=False)
    for p in (province, None):
        pos = p.pos if p else start
        pcode = p.units[0].code if p and len(p.units) == 1 else None
        if pcode:
            pos = _skip_district_segment(segments, pos)
        commune = _match(
            segments, pos, ix.commune_names.get(pcode or _GLOBAL), COMMUNE, scoped=bool(pcode)
        )
        if p or commune:
            readings.append(_Reading("new", p, None, commune))
    return readings


def _ref(unit: _Unit | None) -> PlaceRef | None:
    return PlaceRef(unit.code, unit.name) if unit else None


def _single(match: _Match | None) -> _Unit | None:
    return match.units[0] if match and len(match.units) == 1 else None


def _from_legacy_communes(ix: _Index, codes: Iterable[str]) -> list[Candidate]:
    candidates: dict[str, Candidate] = {}
    for old in codes:
        legacy = ix.legacy_communes[old]
        for new, partial in ix.commune_successors.get(old, ()):
            unit = ix.communes[new]
            if new not in candidates:
                candidates[new] = Candidate(
                    commune=PlaceRef(unit.code, unit.name),
                    province=PlaceRef(unit.parent, ix.provinces[unit.parent].name),
                    legacy_commune=PlaceRef(legacy.code, legacy.name),
                    partial=partial,
                )
    return sorted(candidates.values(), key=lambda c: c.commune.code)


def _finish(ix: _Index, result: Resolution, legacy_province: str | None = None) -> Resolution:
    provinces = {c.province.code for c in result.candidates}
    if len(result.candidates) == 1:
        result.commune = result.candidates[0].commune
    if len(provinces) == 1:
        code = provinces.pop()
        result.province = PlaceRef(code, ix.provinces[code].name)
    elif not provinces and legacy_province:
        successors = ix.province_successors.get(legacy_province, [])
        if legacy_province in successors:  # the province that kept the old one's code
            successors = [legacy_province]
        if len(successors) == 1:
            result.province = PlaceRef(successors[0], ix.provinces[successors[0]].name)
    if result.ambiguous and result.legacy_commune is not None:
        result.message = _(
            "The old commune was split between several new communes; choose the right one "
            "among the candidates."
        )
    elif result.ambiguous:
        result.message = _(
            "Several communes match this address; choose the right one among the candidates, "
            "or give the commune's name."
        )
    return result


def _resolve_legacy(ix: _Index, reading: _Reading) -> Resolution:
    province, district, commune = (
        _single(reading.province),
        _single(reading.district),
        _single(reading.commune),
    )
    if district and not province:
        province = ix.legacy_provinces.get(district.parent)
    if commune and not district:
        district = ix.legacy_districts.get(commune.district)
    if commune and not province:
        province = ix.legacy_provinces.get(commune.parent)
    result = Resolution(
        legacy_province=_ref(province),
        legacy_district=_ref(district),
        legacy_commune=_ref(commune),
        style="legacy",
    )
    if reading.commune:
        codes: Iterable[str] = (u.code for u in reading.commune.units)
    elif district:
        codes = ix.district_communes.get(district.code, [])
    else:
        codes = []
    result.candidates = _from_legacy_communes(ix, codes)
    return _finish(ix, result, province.code if province else None)


def _resolve_new(ix: _Index, reading: _Reading) -> Resolution:
    result = Resolution(style="new")
    if reading.commune:
        result.candidates = sorted(
            (
                Candidate(
                    commune=PlaceRef(u.code, u.name),
                    province=PlaceRef(u.parent, ix.provinces[u.parent].name),
                )
                for u in reading.commune.units
            ),
            key=lambda c: c.commune.code,
        )
    province = _single(reading.province)
    if province and not result.candidates:
        result.province = PlaceRef(province.code, province.name)
    return _finish(ix, result)


def _not_found() -> Resolution:
    return Resolution(
        message=_(
            "No province or commune was recognised in this address. Check the spelling, or write "
            "it as “xã …, huyện …, tỉnh …” (before July 2025) or “xã …, tỉnh …” (since)."
        )
    )


def _resolve_text(ix: _Index, text: str) -> Resolution:
    segments = _segments(text)
    if not segments:
        return _not_found()
    start = (len(segments) - 1, len(segments[-1]))
    readings = _legacy_readings(ix, segments, start) + _new_readings(ix, segments, start)
    if not readings:
        return _not_found()
    best = max(readings, key=lambda r: r.score)
    if best.style == "legacy":
        return _resolve_legacy(ix, best)
    return _resolve_new(ix, best)


def _resolve_codes(ix: _Index, codes: Mapping[str, Any]) -> Resolution:
    def code(key: str, width: int) -> str:
        value = str(codes.get(key) or "").strip()
        return value.zfill(width) if value.isdigit() else value

    commune = ix.legacy_communes.get(code("commune", 5))
    district = ix.legacy_districts.get(code("district", 3))
    province = ix.legacy_provinces.get(code("province", 2))
    if commune is None and codes.get("commune"):
        return _not_found()
    if district is None and codes.get("district") and commune is None:
        return _not_found()

    def as_match(unit: _Unit | None) -> _Match | None:
        return _Match((unit,), 1, True, (0, 0)) if unit else None

    reading = _Reading("legacy", as_match(province), as_match(district), as_match(commune))
    if not (commune or district or province):
        return _not_found()
    return _resolve_legacy(ix, reading)


def resolve_address(text_or_codes: str | Mapping[str, Any]) -> Resolution:
    """Resolve a free-text address (old or new units) or the old units' codes.

    ``text_or_codes`` is either text such as "xã Phước Lý, huyện Cần Giuộc, tỉnh Long An" or a
    mapping of pre-2025 codes ``{"province": "80", "district": "807", "commune": "28162"}``.
    """
    ix = get_index()
    if isinstance(text_or_codes, Mapping):
        return _resolve_codes(ix, text_or_codes)
    return _resolve_text(ix, str(text_or_codes or ""))
