from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import render
from rest_framework.authtoken.models import Token


class LogoutView(auth_views.LogoutView):
    """Logging out of the pages also revokes the user's API token: a copied token cannot be replayed."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            Token.objects.filter(user=request.user).delete()
        return super().post(request, *args, **kwargs)


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes' answer to a locked-out login: Vietnamese, JSON for the API, a page otherwise."""
    message = "Tài khoản tạm bị khoá do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị viên."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "errors": {}}, status=429)
    return render(request, "registration/locked_out.html", {"message": message}, status=429)
