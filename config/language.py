"""The language a request is answered in: the user's choice, never the browser's guess."""

from django.conf import settings


def chosen_language(request) -> str:
    """The language the user chose (the cookie set by /i18n/setlang/), Vietnamese otherwise."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
