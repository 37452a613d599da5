"""Tra cứu tình trạng hồ sơ: anyone holding a dossier's receipt, without an account, types its code and its
look-up key and sees the dossier's stage, dates and outcome (web.lookup_attempts, workflows.public_status).

A GET never looks anything up: the key travels only in a POST body, never in an address that browsers keep
in their history and servers in their logs. The QR code on the receipt fills in the code alone."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..lookup_attempts import look_up

TEMPLATE = "pages/status_lookup.html"
CODE_PREFILL_MAX = 40


@never_cache  # an answer is for the one who typed the key: no proxy or browser cache keeps it
@require_http_methods(["GET", "POST"])
def status_lookup(request):
    if request.method == "GET":
        return render(request, TEMPLATE, {"code": request.GET.get("code", "")[:CODE_PREFILL_MAX]})
    code, key = request.POST.get("code", ""), request.POST.get("key", "")
    attempt = look_up(request, code, key)
    # What was typed stays in the form (to correct it, or to look again later), in this answer only.
    context = {"code": code[:CODE_PREFILL_MAX], "key": key[:CODE_PREFILL_MAX], "attempt": attempt}
    return render(request, TEMPLATE, context, status=attempt.status)
