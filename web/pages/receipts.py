"""Giấy biên nhận hồ sơ (PDF), with the look-up key: for the village's head and the commune officials who
receive the dossier (permissions.rules.may_print_receipt). Others who may read the dossier get 403 (the key
is the nominees', not a reader's), strangers 404."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from dossiers.printing.receipt import ReceiptFacts, receipt_pdf
from permissions import rules
from workflows.public_status import milestones

from .dossiers import visible_dossier


@never_cache
@login_required
def dossier_receipt(request, pk):
    dossier = visible_dossier(request, pk)
    if not rules.may_print_receipt(request.user, dossier, request.acting):
        raise PermissionDenied(_("Chỉ trưởng thôn và cán bộ xã tiếp nhận hồ sơ mới in được giấy biên nhận."))
    submitted, received = milestones(dossier)
    lookup_url = request.build_absolute_uri(reverse("status-lookup"))
    facts = ReceiptFacts(
        submitted_on=submitted,
        received_on=received,
        lookup_url=lookup_url,
        lookup_url_with_code=f"{lookup_url}?{urlencode({'code': dossier.code})}",
    )
    response = HttpResponse(receipt_pdf(dossier, dossier.lookup_key, facts), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{dossier.code}.pdf"'
    return response
