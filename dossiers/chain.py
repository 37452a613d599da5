"""The audit history as one hash chain: each event's hash covers its content and the previous event's hash,
so an edited, removed or reordered event shows (python manage.py verify_audit)."""

import datetime
import hashlib
import json

from django.db import connection

GENESIS = "0" * 64
# Any fixed number: the advisory lock that makes concurrent writers take turns at the end of the chain.
CHAIN_LOCK = 7_441_120


def content_of(event) -> str:
    fields = {
        "dossier": event.dossier_id,
        "at": event.at.astimezone(datetime.UTC).isoformat(),
        "actor": event.actor_id,
        "role": event.role,
        "unit": event.unit_id,
        "action": event.action,
        "from": event.from_status,
        "to": event.to_status,
        "comment": event.comment,
        "changes": event.changes,
    }
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def digest(event, prev_hash: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{content_of(event)}".encode()).hexdigest()


def take_chain_lock() -> None:
    """Serialise appends to the chain until the transaction ends (SQLite's write lock already does)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def first_break(events):
    """(event id, reason) of the first event that does not continue the chain, or None if it holds."""
    prev_hash = GENESIS
    for event in events:
        if event.prev_hash != prev_hash:
            return event.pk, "sự kiện trước nó đã bị xoá hoặc đổi thứ tự"
        if event.hash != digest(event, prev_hash):
            return event.pk, "nội dung đã bị sửa"
        prev_hash = event.hash
    return None
