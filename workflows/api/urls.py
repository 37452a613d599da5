from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("auth/logout/", views.LogoutView.as_view(), name="api-logout"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("rounds/", views.RoundListView.as_view(), name="api-rounds"),
    path("dossiers/", views.DossierListCreateView.as_view(), name="api-dossiers"),
    path("dossiers/<int:pk>/", views.DossierDetailView.as_view(), name="api-dossier"),
    path("dossiers/<int:pk>/documents/", views.DocumentUploadView.as_view(), name="api-documents"),
    path(
        "dossiers/<int:pk>/documents/<int:document_id>/",
        views.DocumentDownloadView.as_view(),
        name="api-document-download",
    ),
    path("dossiers/<int:pk>/transitions/<str:name>/", views.TransitionView.as_view(), name="api-transition"),
    path("dossiers/<int:pk>/history/", views.HistoryView.as_view(), name="api-history"),
    path("inbox/", views.InboxView.as_view(), name="api-inbox"),
    path("decisions/", views.DecisionListCreateView.as_view(), name="api-decisions"),
    path("decisions/<int:pk>/pdf/", views.DecisionPdfView.as_view(), name="api-decision-pdf"),
    path(
        "decisions/<int:pk>/certificates/",
        views.CertificatesPdfView.as_view(),
        name="api-decision-certificates",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
