"""One shape for every refusal of the API: {"detail": "<Vietnamese summary>", "errors": {field: [...]}}."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from dossiers.errors import ServiceRefusal

from .authentication import TokenExpired

# The refusal's shape in the OpenAPI document, for the views that name their refusals.
REFUSAL = inline_serializer("Refusal", {"detail": serializers.CharField(), "errors": serializers.DictField()})

MESSAGES = {
    # Before AuthenticationFailed, which it is: an expired token is told apart from a wrong or revoked one.
    TokenExpired: TokenExpired.default_detail,
    exceptions.NotAuthenticated: _lazy("Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn."),
    exceptions.AuthenticationFailed: _lazy("Thông tin đăng nhập không hợp lệ hoặc đã bị thu hồi."),
    exceptions.ParseError: _lazy("Dữ liệu gửi lên không đúng định dạng JSON."),
    exceptions.UnsupportedMediaType: _lazy("Kiểu dữ liệu gửi lên không được hỗ trợ."),
    exceptions.MethodNotAllowed: _lazy("Phương thức này không được hỗ trợ tại địa chỉ này."),
    exceptions.PermissionDenied: _lazy("Bạn không có quyền thực hiện thao tác này."),
    exceptions.NotFound: _lazy("Không tìm thấy."),
    Http404: _lazy("Không tìm thấy."),
}


def exception_handler(exc, context):
    if isinstance(exc, ServiceRefusal):
        return Response({"detail": exc.message, "errors": exc.errors}, status=exc.status_code)
    if isinstance(exc, exceptions.ValidationError):
        return Response(
            {"detail": _("Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại."), "errors": exc.detail},
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = drf_exception_handler(exc, context)
    if response is not None:
        message = next((m for kind, m in MESSAGES.items() if isinstance(exc, kind)), None)
        if message:
            response.data = {"detail": str(message), "errors": {}}
    return response
