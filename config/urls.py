from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Application, Site
from viewflow.workflow.flow import FlowAppViewset

from workflows.flows import DossierFlow

admin.site.site_header = "Quản trị hồ sơ khen thưởng"
admin.site.site_title = "Quản trị hồ sơ khen thưởng"
admin.site.index_title = "Quản trị hệ thống"

site = Site(
    title="Hồ sơ khen thưởng",
    viewsets=[
        Application(
            title="Vì người nghèo",
            icon="volunteer_activism",
            app_name="award",
            viewsets=[FlowAppViewset(DossierFlow, icon="folder_open")],
        ),
    ],
)

urlpatterns = [
    path("", RedirectView.as_view(url="/workflow/", permanent=False)),
    path("accounts/", AuthViewset(allow_password_change=True, with_profile_view=False).urls),
    path("admin/", admin.site.urls),
    path("api/", include("workflows.api.urls")),
    path("workflow/", site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
