import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import Http404
from django.utils import translation

from .error_pages import request_too_large
from .language import chosen_language

REFRESHED_AT = "session_refreshed_at"


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose another language (the language cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officials' phones are
    set to English: the service must still open in Vietnamese for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class LoginRedirectMiddleware:
    """viewflow's pages answer an anonymous visitor with 403; send them to the login page instead."""

    PREFIXES = ("/workflow/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and request.path.startswith(self.PREFIXES):
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class SessionRefreshMiddleware:
    """Keeps a signed-in official's session alive for SESSION_COOKIE_AGE after their last request, writing
    it at most once every SESSION_REFRESH_SECONDS: saving it on every request cost three queries a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session that still holds a valid login: not after logout or deactivation, and never one made
        # for an API token.
        user = getattr(request, "user", None)
        if session is not None and SESSION_KEY in session and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_AT] = now  # marks the session modified: it is saved with a new expiry
        return response


# Our pages load scripts and styles only from this site; viewflow's frontend needs inline scripts.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
CSP_VIEWFLOW = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = CSP_VIEWFLOW if request.path.startswith(("/workflow/", "/admin/")) else CSP
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


class RequestSizeLimitMiddleware:
    """Refuses a body larger than REQUEST_MAX_BYTES with 413 before anything reads it.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves uploaded files out, so without this a 60 MB multipart body is
    read to the end (and written to a temporary file) before the upload check says it is too big. Django
    reads no more than the declared Content-Length, so the header is the whole story.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django reads such a body as empty
        if declared > settings.REQUEST_MAX_BYTES:
            return request_too_large(request)
        return self.get_response(request)


# The largest value of the 64-bit integer columns every id is stored in.
MAX_ID = 2**63 - 1


class ImpossibleIdMiddleware:
    """An integer in a URL (`<int:…>`, ours, viewflow's or the admin's) beyond any stored id is a 404.

    SQLite cannot even bind such a number (OverflowError, a 500) and viewflow's pages pass it straight to the
    database; one check here covers every URL pattern instead of one in each view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        values = [*view_args, *view_kwargs.values()]
        if any(isinstance(v, int) and v > MAX_ID for v in values):
            raise Http404
        return None
