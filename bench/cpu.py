"""Where the machine's processor time goes during a load run: the web server, the database, the job worker,
Redis and the load client itself, read from /proc (Linux) before and after each level.

A group's share is its processor seconds divided by the wall seconds: 2.0 on a 2-core machine is all of it.
"""

import os
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
GROUPS = {"web (gunicorn)": "gunicorn", "database (postgres)": "postgres", "worker (celery)": "celery"}
GROUPS["redis"] = "redis-server"


def _group(pid: str) -> str | None:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
    if int(pid) == os.getpid():
        return "load client"
    return next((name for name, word in GROUPS.items() if word in command), None)


def _seconds(pid: str) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime, then cutime and cstime: a database backend that served one connection and ended is
    # counted in its postmaster's children's time, once reaped.
    return sum(int(field) for field in fields[11:15]) / TICKS


def _idle() -> float:
    """The whole machine's idle seconds, all cores together."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    return (int(fields[3]) + int(fields[4])) / TICKS  # idle and iowait


def snapshot() -> dict:
    """Processor seconds so far per group, by process (with its ended children's), with the wall clock and
    the machine's idle."""
    per_pid = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        group = _group(pid)
        if group:
            per_pid[pid] = (group, _seconds(pid))
    return {"at": time.monotonic(), "idle": _idle(), "pids": per_pid}


def shares(before: dict, after: dict) -> dict:
    """{group: cores used on average between the two snapshots}, with "idle" for the machine's unused cores."""
    wall = after["at"] - before["at"]
    used: dict = {}
    for pid, (group, seconds) in after["pids"].items():
        start = before["pids"].get(pid, (group, 0.0))[1]
        used[group] = used.get(group, 0.0) + seconds - start
    result = {group: used.get(group, 0.0) / wall for group in [*GROUPS, "load client"]}
    result["idle"] = (after["idle"] - before["idle"]) / wall
    return result
