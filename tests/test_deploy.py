"""`tdc check --deploy` is clean with production settings (as a province's server sets them)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path


def _production_env(var_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TDC_") and key not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tdc.settings",
            "TDC_DEBUG": "0",
            "TDC_HTTPS": "1",
            "TDC_SECRET_KEY": secrets.token_urlsafe(50)[:50],
            "TDC_COMPLAINT_KEY": "WypwDMOwzzJ2WIzjLa-w0d3xr82J60m_7p2sUYuzKh0=",
            "TDC_ALLOWED_HOSTS": "tdc.example.gov.vn",
            "TDC_CSRF_TRUSTED_ORIGINS": "https://tdc.example.gov.vn",
            "TDC_VAR_DIR": str(var_dir),
        }
    )
    return env


def _tdc(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tdc.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_passes_the_deployment_checks_with_production_settings(tmp_path: Path) -> None:
    result = _tdc("check", "--deploy", "--fail-level", "WARNING", env=_production_env(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = _production_env(tmp_path)
    del env["TDC_SECRET_KEY"]

    result = _tdc("check", env=env)

    assert result.returncode != 0
    assert "TDC_SECRET_KEY is required" in result.stderr
