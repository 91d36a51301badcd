"""Settings helpers: a missing or malformed variable stops the process with its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdc.env import ImproperlyConfiguredEnv, env_bool, env_int, env_list, env_str


def test_it_names_a_missing_required_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TDC_EXAMPLE_SECRET", raising=False)
    monkeypatch.delenv("TDC_EXAMPLE_SECRET_FILE", raising=False)

    with pytest.raises(ImproperlyConfiguredEnv, match="TDC_EXAMPLE_SECRET is required"):
        env_str("TDC_EXAMPLE_SECRET")


def test_it_uses_the_default_of_an_optional_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TDC_EXAMPLE", raising=False)

    assert env_str("TDC_EXAMPLE", "fallback") == "fallback"
    assert env_int("TDC_EXAMPLE", 7) == 7
    assert env_bool("TDC_EXAMPLE", True) is True
    assert env_list("TDC_EXAMPLE", ["a"]) == ["a"]


def test_it_reads_a_secret_from_the_file_named_in_name_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-the-file\n", encoding="utf-8")
    monkeypatch.setenv("TDC_EXAMPLE_SECRET", "from-the-environment")
    monkeypatch.setenv("TDC_EXAMPLE_SECRET_FILE", str(secret))

    assert env_str("TDC_EXAMPLE_SECRET") == "from-the-file"


def test_it_names_an_unreadable_secret_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TDC_EXAMPLE_SECRET_FILE", str(tmp_path / "missing"))

    with pytest.raises(ImproperlyConfiguredEnv, match="TDC_EXAMPLE_SECRET_FILE=.* cannot be read"):
        env_str("TDC_EXAMPLE_SECRET")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), ("on", True), ("0", False), ("off", False)],
)
def test_it_reads_booleans(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("TDC_EXAMPLE_FLAG", raw)

    assert env_bool("TDC_EXAMPLE_FLAG", not expected) is expected


def test_it_rejects_a_bad_boolean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TDC_EXAMPLE_FLAG", "maybe")

    with pytest.raises(ImproperlyConfiguredEnv, match="TDC_EXAMPLE_FLAG='maybe' is not a boolean"):
        env_bool("TDC_EXAMPLE_FLAG", False)


def test_it_rejects_a_bad_integer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TDC_EXAMPLE_COUNT", "five")

    with pytest.raises(ImproperlyConfiguredEnv, match="TDC_EXAMPLE_COUNT='five' is not an integer"):
        env_int("TDC_EXAMPLE_COUNT", 5)


def test_it_reads_an_integer_and_a_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TDC_EXAMPLE_COUNT", "42")
    monkeypatch.setenv("TDC_EXAMPLE_HOSTS", " a.example , ,b.example")

    assert env_int("TDC_EXAMPLE_COUNT", 0) == 42
    assert env_list("TDC_EXAMPLE_HOSTS", []) == ["a.example", "b.example"]
