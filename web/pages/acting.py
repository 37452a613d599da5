"""The role a user acts in on the pages: chosen once per session when they hold several (web.acting_role
resolves it, for the API too), shown in every page's header and passed to every read and service call."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from permissions import rules

from ..acting_role import SESSION_KEY, acting_membership, is_api

# Pages a user with several roles may open before choosing one (the public look-up needs no role at all).
OPEN_PATHS = ("/accounts/", "/role/", "/static/", "/i18n/", "/admin/", "/dossiers/lookup/", "/cong-khai/")


class ActingMembershipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting, request.memberships = None, []
        # An API request is resolved by its view, once the token has said who is asking (web.api.views).
        if request.user.is_authenticated and not is_api(request):
            request.memberships = rules.memberships_of(request.user)
            if self._forget_a_role_no_longer_held(request) and request.method == "POST":
                # Never done in another role than the one the user chose: back to the page they sent it
                # from, told why.
                return redirect(_sending_page(request))
            request.acting = acting_membership(request)
            if self._must_choose(request):
                return redirect(f"{reverse('choose-role')}?next={request.get_full_path()}")
        return self.get_response(request)

    def _forget_a_role_no_longer_held(self, request) -> bool:
        """A role chosen for the session that the user no longer holds (a delegation ended or revoked, a role
        taken away) is forgotten, and the user told, rather than silently acting in another one."""
        chosen = request.session.get(SESSION_KEY)
        if chosen is None or any(m.pk == chosen for m in request.memberships):
            return False
        del request.session[SESSION_KEY]
        message = _(
            "Vai trò bạn đang làm việc không còn (ủy quyền đã hết hạn hoặc bị thu hồi, hoặc vai trò đã được thu hồi)."
        )
        if request.method == "POST":
            message = f"{message} {_('Thao tác vừa gửi chưa được thực hiện.')}"
        messages.warning(request, message)
        return True

    def _must_choose(self, request):
        return (
            len(request.memberships) > 1
            and request.acting is None
            and not request.path.startswith(OPEN_PATHS)
        )


def _sending_page(request) -> str:
    """The page a form was sent from (the Referer, if it is this site's), else the home page."""
    referer = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if safe else reverse("home")


def choose_role(request):
    """Vai trò làm việc: pick the membership to act in for this session."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.get_full_path()}")
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if request.method == "POST":
        chosen = next((m for m in request.memberships if str(m.pk) == request.POST.get("membership")), None)
        if chosen is not None:
            request.session[SESSION_KEY] = chosen.pk
            working = _("Bạn đang làm việc với vai trò %(role)s – %(unit)s.") % {
                "role": chosen.get_role_display(),
                "unit": chosen.unit.name,
            }
            messages.success(request, f"{working} ({chosen.lent_label()})" if chosen.delegation else working)
            return redirect(next_url)
        messages.error(request, _("Vui lòng chọn một vai trò trong danh sách."))
    return render(request, "pages/choose_role.html", {"next": next_url})
