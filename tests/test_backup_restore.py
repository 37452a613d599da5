"""The README's backup and restore commands work: a dump restored into a fresh database verifies."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from . import builders as b

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore are PostgreSQL's"),
]


def run(*command, env=None):
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_restored_dump_passes_verify_audit_and_check_workflow(demo, tmp_path):
    dossier = b.new_dossier()
    b.to_commune_decision(dossier)
    settings = connection.settings_dict
    server = [
        "-h",
        settings["HOST"] or "127.0.0.1",
        "-p",
        str(settings["PORT"] or 5432),
        "-U",
        settings["USER"],
    ]
    dump, fresh = tmp_path / "khenthuong.dump", f"restore_{uuid.uuid4().hex[:8]}"
    run("pg_dump", *server, "-Fc", "-f", str(dump), settings["NAME"])
    run("createdb", *server, fresh)
    try:
        run("pg_restore", *server, "--no-owner", "-d", fresh, str(dump))
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env["DATABASE_URL"] = f"postgres://{settings['USER']}@{server[1]}:{server[3]}/{fresh}"
        assert "chuỗi mã băm khớp" in run(sys.executable, "manage.py", "verify_audit", env=env)
        run(sys.executable, "manage.py", "check_workflow", env=env)
    finally:
        run("dropdb", *server, "--if-exists", fresh)
