"""Xác thực quyết định: anyone holding a decision PDF, without an account, checks it against the issued record.
Uploads are bounded in size (DOCUMENT_MAX_BYTES) and counted per address (SIGNATURE_CHECKS_PER_HOUR)."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from signing.verification import Verdict, verify_decision_pdf

from ..rate_limits import within_hourly_limit

TEMPLATE = "pages/verify_decision.html"


@require_http_methods(["GET", "POST"])
def decision_verify(request):
    if request.method == "GET":
        return render(request, TEMPLATE, {})
    if not within_hourly_limit(request, "decision-verify", settings.SIGNATURE_CHECKS_PER_HOUR):
        error = _("Địa chỉ của bạn đã kiểm tra quá nhiều tệp trong một giờ. Vui lòng thử lại sau.")
        return render(request, TEMPLATE, {"error": error}, status=429)
    upload = request.FILES.get("pdf")
    if upload is None:
        return render(
            request, TEMPLATE, {"error": _("Chọn tệp PDF của quyết định cần kiểm tra.")}, status=400
        )
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        error = _("Tệp lớn hơn %(limit)s MB, vượt giới hạn cho phép.") % {
            "limit": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)
        }
        return render(request, TEMPLATE, {"error": error}, status=400)
    verdict: Verdict = verify_decision_pdf(upload.read())
    return render(request, TEMPLATE, {"verdict": verdict, "filename": upload.name})
