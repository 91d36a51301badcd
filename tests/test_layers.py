"""The import contracts (``[tool.importlinter]`` in pyproject.toml) hold on the code and fail on
a deliberately broken copy of it: an upward import into core, a reach into another app's
internals, Django inside a ``rules/`` package and a cycle between sibling modules."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env={"PYTHONPATH": f"{tree / 'src'}:{tree}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("layers")
    shutil.copytree(
        ROOT / "src" / "tdc", tree / "src" / "tdc", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "tools", tree / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_it_keeps_every_contract_on_the_code() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


@pytest.mark.parametrize(
    ("path", "source", "contract", "named"),
    [
        pytest.param(
            "tdc/core/upward.py",
            "from tdc.metrology import services  # noqa\n",
            "Layers",
            "tdc.core.upward -> tdc.metrology.services",
            id="core-imports-a-domain-app",
        ),
        pytest.param(
            "tdc/core/upward_in_function.py",
            "def f():\n    from tdc.registry.selectors import organisation_list  # noqa\n",
            "Layers",
            "tdc.core.upward_in_function -> tdc.registry.selectors",
            id="core-imports-upward-inside-a-function",
        ),
        pytest.param(
            "tdc/metrology/reach.py",
            "from tdc.registry.models import Organisation  # noqa\n",
            "Apps use each other only through",
            "tdc.metrology.reach imports tdc.registry.models",
            id="app-reaches-into-another-apps-models",
        ),
        pytest.param(
            "tdc/metrology/rules/impure.py",
            "from django.db import models  # noqa\n",
            "rules/ packages are pure",
            "tdc.metrology.rules.impure -> django",
            id="rules-import-django",
        ),
        pytest.param(
            "tdc/registry/cycle.py",
            "from tdc.registry import selectors  # noqa\n",
            "No import cycles",
            "",
            id="cycle-between-siblings",
        ),
    ],
)
def test_it_fails_on_a_broken_copy(
    copy: Path, path: str, source: str, contract: str, named: str
) -> None:
    target = copy / "src" / path
    target.write_text(source)
    extra = None
    if path == "tdc/registry/cycle.py":  # the other half of the cycle
        extra = copy / "src" / "tdc" / "registry" / "selectors.py"
        original = extra.read_text()
        extra.write_text(original + "\nfrom tdc.registry import cycle  # noqa: E402, F401\n")
    try:
        result = _lint(copy)
    finally:
        target.unlink()
        if extra is not None:
            extra.write_text(original)
    assert result.returncode != 0
    broken = result.stdout[result.stdout.index("Broken contracts") :]
    assert contract in broken
    assert named in broken
