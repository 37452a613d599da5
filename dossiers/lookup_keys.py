"""The look-up key printed on a dossier's receipt: with the dossier's code it lets a nominee or the village head
see the dossier's stage, dates and outcome on the public look-up page, without an account.

Ten characters drawn by ``secrets`` from 31 that cannot be misread on paper or typed wrongly on a phone (no 0/O,
1/I/L): about 49 bits, against guesses already bounded per address and per code (web.lookup_attempts). The
key is read back from paper, so what a person types is forgiven its case, dashes and spaces. Nothing here
touches the database: the model's default draws the key, so every dossier has one from the moment it exists.
"""

import hmac
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
KEY_LENGTH = 10
GROUPS = (4, 4, 2)  # "K7QF-M2XP-9A": short groups are easier to read aloud and copy by hand
SEPARATORS = re.compile(r"[\s\-‐‑–—_.]+")  # dashes of every kind a phone keyboard offers, spaces, dots


def new_lookup_key() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(KEY_LENGTH))


def normalise_key(typed: str) -> str:
    """What was typed, as stored: without separators, in capitals."""
    return SEPARATORS.sub("", typed or "").upper()


def is_well_formed(key: str) -> bool:
    """Whether a normalised key has the length and characters a key can have."""
    return len(key) == KEY_LENGTH and all(ch in ALPHABET for ch in key)


def grouped(key: str) -> str:
    """The key as printed and shown: "K7QF-M2XP-9A"."""
    parts, start = [], 0
    for size in GROUPS:
        parts.append(key[start : start + size])
        start += size
    return "-".join(part for part in parts if part)


def normalise_code(typed: str) -> str:
    """A dossier code as stored ("HS-2025-000123"), from "hs 2025 000123", " HS-2025-000123 " and the like."""
    return SEPARATORS.sub("-", (typed or "").strip()).strip("-").upper()


# Compared with what was typed when no dossier has the code, so that a missing code costs the same work as a
# wrong key. It is well formed but never matches: the result also requires a dossier.
STAND_IN = ALPHABET[0] * KEY_LENGTH


def keys_match(stored: str | None, typed: str) -> bool:
    """Constant-time comparison (``hmac.compare_digest``) whether or not a dossier was found."""
    same = hmac.compare_digest((stored or STAND_IN).encode(), typed.encode())
    return bool(stored) and same
