"""The role a request acts in, answered in one place for the pages and the API.

A user may hold several roles (a village head who is also a commune officer elsewhere). Each request acts in
the membership this module resolves, and every read and write of it honours that answer: the lists, a dossier
and its documents and history, the inbox, the decisions and the exports show what that role may see, and
every action is recorded in it.

- A page acts in the role chosen for the session (web.pages.acting asks for it), or in the user's only one.
- An API request acts in the role its X-Acting-Membership header names (a membership id from /api/me/), and
  without the header in every role the user holds, as the API always has. The session is not asked: a
  program and a browser tab of the same user may act in different roles at the same time.
"""

from django.utils.translation import gettext as _

from dossiers.errors import InvalidInput
from permissions import rules
from permissions.models import Membership

SESSION_KEY = "acting_membership"
HEADER = "HTTP_X_ACTING_MEMBERSHIP"
API_PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def acting_membership(request) -> Membership | None:
    """The membership the request acts in; None: in every role the user holds (for a page, none is chosen)."""
    memberships = rules.memberships_of(request.user)
    if is_api(request):
        return _named_by_header(request, memberships)
    return _chosen_for_session(request, memberships)


def _chosen_for_session(request, memberships) -> Membership | None:
    if len(memberships) == 1:
        return memberships[0]
    chosen = request.session.get(SESSION_KEY)
    return next((m for m in memberships if m.pk == chosen), None)


def _named_by_header(request, memberships) -> Membership | None:
    wanted = request.META.get(HEADER)
    if not wanted:
        return None
    chosen = next((m for m in memberships if str(m.pk) == wanted.strip()), None)
    if chosen is None:  # a role the user does not hold: refused, never read as "every role"
        raise InvalidInput(
            _("Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại."),
            {"X-Acting-Membership": [_("Bạn không giữ vai trò này.")]},
        )
    return chosen
