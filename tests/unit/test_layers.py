"""The layer contract (docs/architecture.md): validate/ and derive/ are pure functions of the
model. They import only generator.model, generator.vocabulary, generator.problems and each
other, and importing them loads no YAML parser, pickle, worker processes or schema validator
(those belong to read/ and speed/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from importwalk import PACKAGE, imported_modules, package_of

PURE_LAYERS = ("validate", "derive")
ALLOWED = (
    "generator.model",
    "generator.vocabulary",
    "generator.problems",
    *(f"generator.{layer}" for layer in PURE_LAYERS),
)
NEVER_LOADED = ("yaml", "pickle", "_pickle", "multiprocessing", "jsonschema_rs")
# loaded when the calendar is first asked about a day, not on import: the package imports
# every country it knows (derive/calendar.py)
NOT_ON_IMPORT = ("holidays",)


def test_importing_validate_and_derive_loads_no_reader_nor_speed_module():
    # a fresh interpreter: this test process has loaded everything already
    script = (
        "import json, sys\n"
        "import generator.validate, generator.derive\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    ).stdout
    loaded = json.loads(out)
    found = sorted(m for m in loaded if m.split(".")[0] in NEVER_LOADED + NOT_ON_IMPORT)
    assert found == []


def _layer_files() -> list[Path]:
    return sorted(p for layer in PURE_LAYERS for p in (PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize(
    "path", _layer_files(), ids=lambda p: p.relative_to(PACKAGE.parent).as_posix()
)
def test_validate_and_derive_import_only_the_model_vocabulary_problems_and_each_other(path):
    wrong = [
        f"{path.name}:{line} imports {module}"
        for line, module in imported_modules(path, package_of(path))
        if module.split(".")[0] == "generator"
        and not any(module == allowed or module.startswith(allowed + ".") for allowed in ALLOWED)
    ]
    assert wrong == []


def test_the_import_walk_sees_function_imports_and_skips_type_checking_ones(tmp_path):
    module = tmp_path / "probe.py"
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from generator.history import History\n"
        "def read():\n"
        "    from generator.read.document import parse_bytes\n"
        "    from . import items\n"
    )
    module.write_text(source, encoding="utf-8")
    found = [name for _, name in imported_modules(module, "generator.derive")]
    assert found == ["typing", "generator.read.document", "generator.derive"]
