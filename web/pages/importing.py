"""Fill a draft dossier's nominees from a spreadsheet (all rows or none)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossiers.errors import ServiceRefusal
from dossiers.services.drafting import dossier_update
from dossiers.services.importing import read_nominees, template

from .dossiers import visible_dossier
from .exports import XLSX


@login_required
def import_template(request):
    response = HttpResponse(template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-de-nghi.xlsx"'
    return response


@login_required
@require_POST
def import_nominees(request, pk):
    dossier = visible_dossier(request, pk)
    try:
        nominees = read_nominees(request.FILES.get("file"))
        keep = [{"id": n.pk} for n in dossier.nominations.all()]
        dossier_update(user=request.user, dossier_id=pk, nominations=keep + nominees, acting=request.acting)
    except ServiceRefusal as refusal:
        messages.error(request, " ".join([refusal.message, *refusal.errors.get("file", [])]))
    else:
        messages.success(request, _("Đã thêm %(count)s đề nghị từ bảng tính.") % {"count": len(nominees)})
    return redirect("dossier-detail", pk=pk)
