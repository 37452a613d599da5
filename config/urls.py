from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from viewflow.urls import Application, Site

from workflows.flows import DossierFlow
from workflows.frontend import DossierFlowViewset
from workflows.pages.auth import LogoutView

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
            viewsets=[DossierFlowViewset(DossierFlow, icon="folder_open")],
        ),
    ],
)

urlpatterns = [
    path("", include("workflows.pages.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", include("workflows.api.urls")),
    path("workflow/", site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
