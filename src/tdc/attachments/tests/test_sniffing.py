"""The content rules, without Django: what a file really is, whatever its name says."""

from __future__ import annotations

import pytest

from tdc.attachments.rules.sniffing import UploadRefused, check_upload, sniff

ALL = ["pdf", "jpeg", "png", "webp", "xlsx", "docx", "csv", "txt"]


def _check(name: str, head: bytes, members: tuple[str, ...] = ()) -> str:
    return check_upload(
        filename=name, size=len(head), head=head, zip_members=members, max_bytes=10**6, allowed=ALL
    ).code


@pytest.mark.parametrize(
    ("head", "members", "kind"),
    [
        (b"%PDF-1.4\n", (), "pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", (), "jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00", (), "png"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", (), "webp"),
        (b"PK\x03\x04", ("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
        (b"PK\x03\x04", ("[Content_Types].xml", "word/document.xml"), "docx"),
        ("mã_số_thuế;tên\n0312345678;Công ty".encode(), (), "txt"),
        (b"MZ\x90\x00", (), None),
        (b"PK\x03\x04", ("a.bin",), None),
    ],
)
def test_it_recognises_kinds_by_their_bytes(
    head: bytes, members: tuple[str, ...], kind: str | None
) -> None:
    assert sniff(head, members) == kind


def test_it_accepts_csv_and_txt_by_name_when_the_content_is_text() -> None:
    text = b"a,b\n1,2\n"
    assert _check("bang.csv", text) == "csv"
    assert _check("ghi-chu.TXT", text) == "txt"


def test_it_refuses_an_executable_renamed_as_a_pdf() -> None:
    with pytest.raises(UploadRefused) as refused:
        _check("report.pdf", b"MZ\x90\x00\x03")
    assert refused.value.code == "content_mismatch"
    assert refused.value.params["actual"] == "executable"


def test_it_refuses_an_image_renamed_as_a_pdf() -> None:
    with pytest.raises(UploadRefused) as refused:
        _check("report.pdf", b"\x89PNG\r\n\x1a\n\x00")
    assert refused.value.params["actual"] == "PNG"


def test_it_refuses_binary_data_named_as_text() -> None:
    with pytest.raises(UploadRefused):
        _check("data.csv", b"\x00\x01\x02binary")


def test_it_refuses_empty_and_oversized_files() -> None:
    with pytest.raises(UploadRefused) as empty:
        check_upload(filename="a.pdf", size=0, head=b"", max_bytes=10, allowed=ALL)
    assert empty.value.code == "empty"
    with pytest.raises(UploadRefused) as large:
        check_upload(filename="a.pdf", size=11, head=b"%PDF-", max_bytes=10, allowed=ALL)
    assert large.value.code == "too_large"
