"""One attempt at the public look-up (page and API alike): bounded, validated, answered the same way whether
the code is unknown or the key is wrong.

Guessing is bounded twice: per address (every attempt counts, STATUS_LOOKUPS_PER_HOUR) and per code (wrong
keys for one code, STATUS_LOOKUP_WRONG_KEYS_PER_CODE, whoever sends them), so that guesses spread over many
addresses still get few tries at one dossier. The per-code count is kept for any code typed, known or not,
so a refused code says nothing about whether a dossier has it.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from dossiers.lookup import dossier_by_code_and_key
from dossiers.lookup_keys import is_well_formed, normalise_code, normalise_key
from workflows.public_status import PublicStatus, public_status

from .rate_limits import count_in_window, within_hourly_limit

CODE_MAX = 40  # far above any code ("HS-2025-000123"): longer input is not a code


@dataclass
class Attempt:
    status: int  # 200 found; 400 bad input; 404 not found (or wrong key: the same); 429 too many
    message: str = ""
    errors: dict = field(default_factory=dict)
    found: PublicStatus | None = None


def lookups_per_hour() -> int:
    return getattr(settings, "STATUS_LOOKUPS_PER_HOUR", 20)


def wrong_keys_per_code() -> int:
    return getattr(settings, "STATUS_LOOKUP_WRONG_KEYS_PER_CODE", 10)


def not_found_message() -> str:
    return _(
        "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Kiểm tra lại hai mã trên giấy biên nhận hồ sơ."
    )


def look_up(request, code: str, key: str) -> Attempt:
    if not within_hourly_limit(request, "status-lookup", lookups_per_hour()):
        return Attempt(429, _("Bạn đã tra cứu quá nhiều lần trong một giờ. Vui lòng thử lại sau."))
    code, key = normalise_code(code), normalise_key(key)
    errors = _input_errors(code, key)
    if errors:
        return Attempt(400, _("Thông tin tra cứu chưa hợp lệ, vui lòng kiểm tra lại."), errors)
    counter = _code_counter(code)
    if cache.get(counter, 0) >= wrong_keys_per_code():
        message = _("Mã hồ sơ này đã bị nhập sai mã tra cứu quá nhiều lần. Vui lòng thử lại sau một giờ.")
        return Attempt(429, message)
    dossier = dossier_by_code_and_key(code, key)
    if dossier is None:
        count_in_window(counter)
        return Attempt(404, not_found_message())
    return Attempt(200, found=public_status(dossier))


def _input_errors(code: str, key: str) -> dict:
    errors = {}
    if not code:
        errors["code"] = [_("Nhập mã hồ sơ in trên giấy biên nhận, ví dụ HS-2025-000123.")]
    elif len(code) > CODE_MAX:
        errors["code"] = [_("Mã hồ sơ không đúng dạng, ví dụ HS-2025-000123.")]
    if not key:
        errors["key"] = [_("Nhập mã tra cứu in trên giấy biên nhận.")]
    elif not is_well_formed(key):
        errors["key"] = [
            _(
                "Mã tra cứu gồm 10 chữ và số như in trên giấy biên nhận, ví dụ K7QF-M2XP-9A "
                "(không có chữ O, I, L và số 0, 1)."
            )
        ]
    return errors


def _code_counter(code: str) -> str:
    # Hashed: what a visitor typed never becomes part of a cache key as it is.
    return "status-lookup-code:" + hashlib.sha256(code.encode()).hexdigest()
