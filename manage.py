#!/usr/bin/env python
"""Django's manage.py; ``tdc`` is the same command installed on the PATH."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from tdc.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
