from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from viewflow.urls import Application

from web.frontend import (
    AdministratorsSite,
    DossierFlowViewset,
    administrators_only,
    claim_through_service,
)
from web.pages.auth import LogoutView
from workflows.flows import FLOWS

admin.site.site_header = "Quản trị hồ sơ khen thưởng"
admin.site.site_title = "Quản trị hồ sơ khen thưởng"
admin.site.index_title = "Quản trị hệ thống"

# viewflow's own frontend, for administrators only (officials work in the site's own pages).
site = AdministratorsSite(
    title="Hồ sơ khen thưởng",
    viewsets=[
        Application(
            title="Vì người nghèo",
            icon="volunteer_activism",
            app_name="award",
            viewsets=[DossierFlowViewset(flow_class, icon="folder_open") for flow_class in FLOWS.values()],
        ),
    ],
)


@administrators_only
def workflow_assign(request, process_pk, node, task_pk):
    return claim_through_service(request, process_pk, task_pk)


@administrators_only
def workflow_unassign(request, process_pk, node, task_pk):
    return claim_through_service(request, process_pk, task_pk, release=True)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says: send them to the site's icon."""
    return HttpResponseRedirect(static("workflows/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("", include("web.pages.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", include("web.api.urls")),
    # viewflow's claim buttons go through the claim services (history, locks); bulk ones to the inbox.
    path("workflow/award/dossier/<int:process_pk>/<str:node>/<int:task_pk>/assign/", workflow_assign),
    path("workflow/award/dossier/<int:process_pk>/<str:node>/<int:task_pk>/unassign/", workflow_unassign),
    path(
        "workflow/award/dossier/queue/assign/",
        administrators_only(RedirectView.as_view(url="/inbox/?tab=unit")),
    ),
    path(
        "workflow/award/dossier/inbox/unassign/",
        administrators_only(RedirectView.as_view(url="/inbox/?tab=mine")),
    ),
    path("workflow/", site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# The site's own Vietnamese error pages (JSON under /api/); see config/error_pages.py.
handler400 = "config.error_pages.bad_request"
handler404 = "config.error_pages.page_not_found"
handler500 = "config.error_pages.server_error"
