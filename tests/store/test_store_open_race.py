"""Several processes creating one new SQLite store at the same moment all succeed."""

import subprocess
import sys
from pathlib import Path


def test_processes_racing_to_create_a_store(tmp_path: Path) -> None:
    for trial in range(5):
        db = tmp_path / f"store{trial}.db"
        code = f"from rasad.store.db import open_store; open_store({str(db)!r}).close()"
        procs = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True) for _ in range(4)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
