"""What an uploaded file really is, judged from its bytes rather than its name.

Pure functions (no Django): the service reads the first bytes of the upload (and, for ZIP-based
Office files, the member names) and asks :func:`check_upload` whether to accept it. A refusal
is an :class:`UploadRefused` carrying a code and the facts the message needs.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from dataclasses import dataclass, field

import puremagic

#: How many leading bytes the service reads for sniffing.
HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    """One accepted kind of file: its code, the file name endings it may carry, its MIME type."""

    code: str
    label: str
    extensions: tuple[str, ...]
    mime: str


KINDS: dict[str, FileKind] = {
    kind.code: kind
    for kind in (
        FileKind("pdf", "PDF", (".pdf",), "application/pdf"),
        FileKind("jpeg", "JPEG", (".jpg", ".jpeg"), "image/jpeg"),
        FileKind("png", "PNG", (".png",), "image/png"),
        FileKind("webp", "WebP", (".webp",), "image/webp"),
        FileKind(
            "xlsx",
            "XLSX",
            (".xlsx",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        FileKind(
            "docx",
            "DOCX",
            (".docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileKind("csv", "CSV", (".csv",), "text/csv"),
        FileKind("txt", "TXT", (".txt",), "text/plain"),
    )
}

_TEXT_KINDS = frozenset({"csv", "txt"})
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class UploadRefused(Exception):  # noqa: N818 - a refusal, not a programming error
    """The upload is not accepted; ``code`` selects the message, ``params`` fill it."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


def extension_of(filename: str) -> str:
    """The lower-cased ending of a file name including the dot (``""`` when there is none)."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in base.strip("."):
        return ""
    return "." + base.rsplit(".", 1)[-1].lower()


def kind_for_extension(extension: str, allowed: Iterable[str]) -> FileKind | None:
    for code in allowed:
        kind = KINDS.get(code)
        if kind is not None and extension in kind.extensions:
            return kind
    return None


def _looks_like_text(head: bytes) -> bool:
    """Readable text in UTF-8 (with or without BOM) or UTF-16 with BOM, no binary control bytes."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = head[: len(head) - len(head) % 2].decode("utf-16")
        except UnicodeDecodeError:
            return False
    else:
        if b"\x00" in head:
            return False
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # The head may cut a multi-byte character in two: only its last bytes may fail.
            if exc.start < len(head) - 3:
                return False
            text = head[: exc.start].decode("utf-8-sig")
    return not any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text)


def sniff(head: bytes, zip_members: Iterable[str] = ()) -> str | None:
    """The code of the accepted kind these bytes are, or ``None`` when they are none of them."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(_ZIP_MAGIC):
        names = set(zip_members)
        if "[Content_Types].xml" in names:
            if any(name.startswith("xl/") for name in names):
                return "xlsx"
            if any(name.startswith("word/") for name in names):
                return "docx"
        return None
    if head and _looks_like_text(head):
        return "txt"
    return None


def describe(head: bytes) -> str:
    """What the bytes really are, for the refusal message.

    A code the service translates (``executable``, ``elf``, ``script``, ``zip``, ``unknown``), or
    else the name of the format as puremagic knows it.
    """
    if head.startswith(b"MZ"):
        return "executable"
    if head.startswith(b"\x7fELF"):
        return "elf"
    if head.startswith(b"#!"):
        return "script"
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        matches = []
    if matches:
        return str(matches[0].name)
    return "unknown"


def check_upload(
    *,
    filename: str,
    size: int,
    head: bytes,
    zip_members: Iterable[str] = (),
    max_bytes: int,
    allowed: Iterable[str],
) -> FileKind:
    """The kind of an upload, or :class:`UploadRefused` saying why it is not accepted.

    The name's ending must be an allowed kind, and the content must be that kind: a program
    renamed ``.pdf`` is refused. CSV and TXT are told apart only by their ending.
    """
    allowed = tuple(allowed)
    if size <= 0:
        raise UploadRefused("empty", {"name": filename})
    if size > max_bytes:
        raise UploadRefused("too_large", {"name": filename, "size": size, "limit": max_bytes})
    extension = extension_of(filename)
    claimed = kind_for_extension(extension, allowed)
    if claimed is None:
        raise UploadRefused("type_not_allowed", {"name": filename, "extension": extension})
    found = sniff(head, zip_members)
    if found == "txt" and claimed.code in _TEXT_KINDS:
        return claimed
    if found != claimed.code:
        actual = KINDS[found].label if found in KINDS else describe(head)
        if found == "txt":
            actual = "text"
        raise UploadRefused(
            "content_mismatch", {"name": filename, "expected": claimed.label, "actual": actual}
        )
    return claimed
