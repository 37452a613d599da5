"""Counting anonymous requests per address in the site's cache (shared by every worker when it is Redis)."""

from django.core.cache import cache

WINDOW_SECONDS = 3600


def within_hourly_limit(request, purpose: str, per_hour: int) -> bool:
    """Count this request against ``purpose``'s fixed one-hour window for the caller's address."""
    return count_in_window(f"{purpose}:{request.META.get('REMOTE_ADDR', '')}") <= per_hour


def count_in_window(key: str) -> int:
    """Add one to ``key``'s count in its fixed one-hour window; the count so far."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1
