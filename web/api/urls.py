from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView

from workflows.routes import STEPS_BY_NAME

from . import serializers, views
from .delegations import DelegationListCreateView, DelegationRevokeView
from .lookup import StatusLookupView
from .publicity import (
    DossierCommentsView,
    NoticeCloseView,
    NoticeOpenView,
    PublicCommentView,
    PublicNoticeView,
)
from .transition_schemas import request_serializer
from .verification import DecisionVerifyView


def step_urls() -> list:
    """One URL per step of the route, each documented with its own body (OpenAPI); a name the route does not
    declare falls to the generic route below, which answers 404."""
    urls = []
    for step in STEPS_BY_NAME.values():
        view = extend_schema_view(
            post=extend_schema(
                request=request_serializer(step),
                responses=serializers.DossierSerializer,
                summary=str(step.title),
                operation_id=f"dossier_transition_{step.name}",
            )
        )(type(f"TransitionView_{step.name}", (views.TransitionView,), {"__module__": views.__name__}))
        path_ = f"dossiers/<int:pk>/transitions/{step.name}/"
        urls.append(path(path_, view.as_view(), {"name": step.name}, name="api-transition"))
    return urls


urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("auth/logout/", views.LogoutView.as_view(), name="api-logout"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("rounds/", views.RoundListView.as_view(), name="api-rounds"),
    path("criteria/", views.CriteriaView.as_view(), name="api-criteria"),
    path("dossiers/", views.DossierListCreateView.as_view(), name="api-dossiers"),
    path("dossiers/lookup/", StatusLookupView.as_view(), name="api-status-lookup"),
    path("dossiers/<int:pk>/", views.DossierDetailView.as_view(), name="api-dossier"),
    path("dossiers/<int:pk>/documents/", views.DocumentUploadView.as_view(), name="api-documents"),
    path("dossiers/<int:pk>/flags/", views.FlagDecisionView.as_view(), name="api-flag-decision"),
    path(
        "dossiers/<int:pk>/documents/<int:document_id>/",
        views.DocumentDownloadView.as_view(),
        name="api-document-download",
    ),
    *step_urls(),
    path(
        "dossiers/<int:pk>/transitions/<str:name>/",
        extend_schema(exclude=True)(type("UnknownTransitionView", (views.TransitionView,), {})).as_view(),
        name="api-transition",
    ),
    path("dossiers/<int:pk>/history/", views.HistoryView.as_view(), name="api-history"),
    path("dossiers/<int:pk>/public-comments/", DossierCommentsView.as_view(), name="api-public-comments"),
    path("public-notices/", NoticeOpenView.as_view(), name="api-public-notice-open"),
    path("public-notices/<int:pk>/close/", NoticeCloseView.as_view(), name="api-public-notice-close"),
    # Without an account: the notice as the public page shows it, and a comment on one of its nominees.
    path("public/notices/<int:pk>/", PublicNoticeView.as_view(), name="api-public-notice"),
    path("public/notices/<int:pk>/comments/", PublicCommentView.as_view(), name="api-public-comment"),
    path("inbox/", views.InboxView.as_view(), name="api-inbox"),
    path("decisions/", views.DecisionListCreateView.as_view(), name="api-decisions"),
    path("decisions/verify/", DecisionVerifyView.as_view(), name="api-decision-verify"),
    path("decisions/<int:pk>/pdf/", views.DecisionPdfView.as_view(), name="api-decision-pdf"),
    path(
        "decisions/<int:pk>/certificates/",
        views.CertificatesPdfView.as_view(),
        name="api-decision-certificates",
    ),
    path("delegations/", DelegationListCreateView.as_view(), name="api-delegations"),
    path("delegations/<int:pk>/revoke/", DelegationRevokeView.as_view(), name="api-delegation-revoke"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
