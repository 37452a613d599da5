"""Thông báo: the official's reminders and notices, with the unread count shown in every page's header."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from workflows.models import Notification


def unread_count(request):
    """Template context: how many notices the user has not read yet."""
    if not request.user.is_authenticated:
        return {}
    return {"unread_notices": Notification.objects.filter(user=request.user, read_at__isnull=True).count()}


@login_required
def notice_list(request):
    notices = Notification.objects.filter(user=request.user).select_related("dossier")
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(request, "workflows/notices.html", {"page": page, "query": ""})


@login_required
@require_POST
def notices_read(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notices")
