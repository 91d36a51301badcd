"""Choosing a value in a searchable picker (static/tdc/picker.js) the way a user does."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def pick(page: Any, field_id: str, typed: str, option: str | None = None) -> None:
    """Type ``typed`` into the picker labelled by ``field_id`` (``#id_owner``), wait for the
    option whose text contains ``option`` (``typed`` by default) and choose it with Enter."""
    box = page.locator(field_id)
    expect(box).to_have_attribute("role", "combobox")
    box.click()
    box.fill(typed)
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    wanted = listbox.get_by_role("option").filter(has_text=option or typed).first
    expect(wanted).to_be_visible()
    for _ in range(25):  # down the list to the wanted option, then Enter
        if wanted.get_attribute("aria-selected") == "true":
            break
        box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_attribute("aria-expanded", "false")
