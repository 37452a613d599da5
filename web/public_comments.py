"""What the pages and the API share for a comment from the public: the per-address count (web.rate_limits)
and the keyed hash of the address stored with the comment (never the address itself)."""

import hashlib
import hmac

from django.conf import settings
from django.utils.translation import gettext as _

from .rate_limits import within_hourly_limit

PURPOSE = "public-comment"


def comment_allowed(request) -> bool:
    """Count this attempt against the address's hourly allowance."""
    return within_hourly_limit(request, PURPOSE, settings.PUBLIC_COMMENTS_PER_HOUR)


def too_many_message() -> str:
    return _("Địa chỉ của bạn đã gửi quá nhiều góp ý trong một giờ. Vui lòng thử lại sau.")


def address_hash(request) -> str:
    address = request.META.get("REMOTE_ADDR", "").encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"public-comment:" + address, hashlib.sha256).hexdigest()
