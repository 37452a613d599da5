"""Every question asked of viewflow's tasks is answered in workflows/queues.py: no other code spells the
open-task filter or reads the task's agency field, so the inbox's partial index and the meaning of "open",
"mine" and "done" cannot drift apart between pages, API, services, commands and the benchmark."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPELLINGS = re.compile(r"flow_task_type\s*=|owner_permission_obj_pk")
SKIPPED_DIRS = {".venv", "node_modules", "migrations", "tests", "locale", "media", "staticfiles"}
THE_ONE_PLACE = ROOT / "workflows" / "queues.py"


def _code_files():
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in SKIPPED_DIRS and not d.startswith(".")]
        for name in files:
            path = Path(folder) / name
            if path.suffix in (".py", ".html") and path != THE_ONE_PLACE:
                yield path


def test_only_workflows_queues_spells_the_task_filters():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _code_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SPELLINGS.search(line)
    ]
    assert found == [], "ask workflows/queues.py instead:\n" + "\n".join(found)


def test_the_scan_sees_the_modules_that_ask_about_tasks():
    scanned = {path.relative_to(ROOT).as_posix() for path in _code_files()}
    assert {"workflows/inbox.py", "workflows/services/claims.py", "bench/seed.py"} <= scanned
    assert SPELLINGS.search(THE_ONE_PLACE.read_text(encoding="utf-8"))
