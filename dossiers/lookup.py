"""The public look-up's one read: the dossier with this code and this key, or nothing.

A wrong key and a code no dossier has give the same answer after the same work: one read by the unique code
and one constant-time comparison of keys of the same length (a stand-in when no dossier was found).
"""

from .lookup_keys import keys_match
from .models import Dossier


def dossier_by_code_and_key(code: str, key: str) -> Dossier | None:
    """``code`` and ``key`` already normalised (dossiers.lookup_keys)."""
    found = Dossier.objects.filter(code=code).values_list("pk", "lookup_key").first()
    pk, stored = found if found is not None else (None, None)
    if not keys_match(stored, key):
        return None
    return Dossier.objects.select_related("round").get(pk=pk)
