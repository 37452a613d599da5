"""The site's own error pages, in Vietnamese, and the API's JSON for the same errors (config/urls.py).

400, 413 and 500 are drawn from the request's path and language cookie alone: a refused Host header or a
body too large is answered before the session and the user are read, and a failure may be the database's
own, so the page that reports it needs neither (templates/errors/layout.html). 403 and 404 come after the
middleware and keep the site's header and menu (base.html).
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

from .language import chosen_language


def _for_api(request) -> bool:
    return request.path.startswith("/api/")


def _json(message, status):
    return JsonResponse({"detail": message, "errors": {}}, status=status)


def _bare(request, template, status, context=None):
    with translation.override(chosen_language(request)):
        return HttpResponse(loader.render_to_string(template, context), status=status)


def bad_request(request, exception=None):
    if _for_api(request):
        return _json(_("Yêu cầu không hợp lệ."), 400)
    return _bare(request, "400.html", 400)


def page_not_found(request, exception=None):
    if _for_api(request):
        return _json(_("Không tìm thấy."), 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _for_api(request):
        return _json(_("Hệ thống gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."), 500)
    return _bare(request, "500.html", 500)


def request_too_large(request):
    with translation.override(chosen_language(request)):
        message = _(
            "Dữ liệu gửi lên quá lớn: mỗi lần gửi tối đa %(limit)s MB. Hãy gửi bớt tệp mỗi lần "
            "(mỗi tệp tối đa %(file_limit)s MB) hoặc chụp ảnh nhỏ hơn."
        ) % {
            "limit": settings.REQUEST_MAX_BYTES // (1024 * 1024),
            "file_limit": settings.DOCUMENT_MAX_BYTES // (1024 * 1024),
        }
    if _for_api(request):
        return _json(message, 413)
    return _bare(request, "413.html", 413, {"message": message})


def csrf_failure(request, reason=""):
    """A form sent from a page open too long (or from another site): Vietnamese, saying what to do."""
    message = _("Trang đã mở quá lâu hoặc phiên đăng nhập đã thay đổi. Vui lòng tải lại trang rồi gửi lại.")
    return render(request, "403.html", {"message": message}, status=403)
