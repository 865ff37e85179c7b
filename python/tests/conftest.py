import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("STATECRAFT_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CASES = SOURCE / "cases" / "pakistan"
SHARED = SOURCE.parent / "shared"
BIN = os.environ.get("STATECRAFT_BIN", str(SOURCE / "build" / "bin" / "statecraft"))


def run_cli(*args):
    """The CLI's JSON for the same run (never recorded in a store)."""
    done = subprocess.run([BIN, "--no-record", *map(str, args), "--format", "json"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def cli():
    return run_cli
