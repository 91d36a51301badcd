#!/usr/bin/env python
"""Django's manage.py for a source checkout; ``tdc`` is the same command installed on the PATH.

Run from a checkout, it mirrors `make run`'s local environment: unless the environment says
otherwise, the secret key and the complaint key are read from (and first created in) ``var/``,
and the site is served over plain HTTP on loopback. Production sets these in its environment.
"""

import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))


def _local_secret(name: str, path: Path, make: Callable[[], str]) -> None:
    if name in os.environ or f"{name}_FILE" in os.environ:
        return
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make() + "\n", encoding="utf-8")
        path.chmod(0o600)
    os.environ[f"{name}_FILE"] = str(path)


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode("ascii")


if __name__ == "__main__":
    _local_secret("TDC_SECRET_KEY", ROOT / "var" / "secret_key", lambda: secrets.token_urlsafe(50))
    _local_secret("TDC_COMPLAINT_KEY", ROOT / "var" / "complaint_key", _fernet_key)
    os.environ.setdefault("TDC_HTTPS", "0")
    from tdc.cli import main

    main()
