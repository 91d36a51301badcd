#!/usr/bin/env python
"""Fail when the Vietnamese catalogue is stale: a source string missing from it, an entry left
untranslated or fuzzy, or the compiled .mo not matching the .po.

Fix with `make messages`, translate the new entries in src/tdc/locale/vi/LC_MESSAGES/django.po,
then `make messages` again (it compiles the .mo).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "src/tdc/locale/vi/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")
# Vietnamese for Django REST framework's own messages (it ships only a few).
DRF_PO = ROOT / "src/tdc/locale_drf/vi/LC_MESSAGES/django.po"
IGNORES = [
    "--ignore",
    ".venv/*",
    "--ignore",
    "var/*",
    "--ignore",
    "static/vendor/*",
    "--ignore",
    "test-artifacts/*",
    "--ignore",
    "bench/*",
    "--ignore",
    "tests/*",
    "--ignore",
    "*/tests/*",
    "--ignore",
    "build/*",
]


def entries(text: str) -> dict[tuple[str, str], tuple[str, bool]]:
    """(msgctxt, msgid) -> (msgstr joined, fuzzy) for every entry of a .po file."""
    result: dict[tuple[str, str], tuple[str, bool]] = {}
    for block in re.split(r"\n\s*\n", text):
        if "msgid" not in block:
            continue
        fuzzy = "#, fuzzy" in block or ", fuzzy" in block
        fields: dict[str, str] = {}
        current = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                current = m.group(1)
                fields[current] = m.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        msgid = fields.get("msgid", "")
        if not msgid:
            continue  # header
        msgstr = fields.get("msgstr", "") or fields.get("msgstr[0]", "")
        result[(fields.get("msgctxt", ""), msgid)] = (msgstr, fuzzy)
    return result


def main() -> int:
    if not PO.exists():
        print(f"{PO} is missing: run `make messages`.")
        return 1
    if shutil.which("msgfmt") is None:
        print("gettext tools (msgfmt) not installed: apt-get install gettext")
        return 1
    committed = PO.read_text(encoding="utf-8")
    try:
        env = {**os.environ, "DATABASE_URL": "sqlite:///:memory:"}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "tdc.cli",
                "makemessages",
                "-l",
                "vi",
                "--no-location",
                "--no-obsolete",
                "-v0",
                *IGNORES,
            ],
            cwd=ROOT,
            check=True,
            env=env,
        )
        fresh = PO.read_text(encoding="utf-8")
    finally:
        PO.write_text(committed, encoding="utf-8")
    have, want = entries(committed), entries(fresh)
    problems = []
    missing = sorted(k[1] for k in set(want) - set(have))
    if missing:
        problems.append(
            f"{len(missing)} source strings are not in the catalogue, e.g. {missing[:5]}"
        )
    untranslated = sorted(k[1] for k, (v, fuzzy) in have.items() if k in want and (not v or fuzzy))
    if untranslated:
        problems.append(
            f"{len(untranslated)} entries are untranslated or fuzzy, e.g. {untranslated[:5]}"
        )
    drf_untranslated = [
        k[1] for k, (v, fuzzy) in entries(DRF_PO.read_text("utf-8")).items() if not v or fuzzy
    ]
    if drf_untranslated:
        problems.append(f"{DRF_PO.name} (REST framework) untranslated: {drf_untranslated[:5]}")
    with tempfile.TemporaryDirectory() as tmp:
        for po in (PO, DRF_PO):
            out = Path(tmp) / "django.mo"
            subprocess.run(["msgfmt", "--check-format", "-o", str(out), str(po)], check=True)
            mo = po.with_suffix(".mo")
            if not mo.exists() or out.read_bytes() != mo.read_bytes():
                problems.append(f"{mo} does not match its .po: run `make messages`")
    if problems:
        print("Vietnamese catalogue is stale:\n- " + "\n- ".join(problems))
        print("Fix: make messages, translate the new entries in django.po, make messages.")
        return 1
    print(f"Vietnamese catalogue: {len(want)} strings, all translated and compiled.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
