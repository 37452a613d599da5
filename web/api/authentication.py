"""API tokens that end: a token lives API_TOKEN_LIFETIME from its issue, and dies with its user's password.

DRF's own tokens never expire and outlive a password change, so a token copied from an official's machine
would keep working for ever. Here an expired token is deleted on its first use (401), the token endpoint
issues a fresh one in its place, and a new password revokes every token of the user.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


class TokenExpired(AuthenticationFailed):
    default_detail = gettext_lazy(
        "Khoá truy cập API đã hết hạn. Vui lòng lấy khoá mới tại POST /api/auth/token/ rồi gửi lại yêu cầu."
    )
    default_code = "token_expired"


def _cutoff():
    return timezone.now() - settings.API_TOKEN_LIFETIME


def token_issue(user) -> Token:
    """The user's live token: the one they hold, or a new one if it has expired (or there was none)."""
    Token.objects.filter(user=user, created__lte=_cutoff()).delete()
    token, _created = Token.objects.get_or_create(user=user)
    return token


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token …`, refused with 401 once the token is older than API_TOKEN_LIFETIME."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created <= _cutoff():
            token.delete()
            raise TokenExpired()
        return user, token


class RevokeTokensOnPasswordChange:
    """Listed in AUTH_PASSWORD_VALIDATORS for Django's `password_changed` hook, which every way of setting a
    password calls once it is saved (the admin's set-password page, Django's password change and reset
    views, `manage.py changepassword`): the user's API tokens are revoked there. Their other browser
    sessions end on their next request by Django's own session check (the session carries a hash of the
    password), and the session that changed it is kept by those views. It refuses no password.
    """

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is not None and user.pk is not None:
            Token.objects.filter(user=user).delete()

    def get_help_text(self):
        return _(
            "Khi đổi mật khẩu, mọi khoá truy cập API của tài khoản bị thu hồi và các phiên đăng nhập "
            "khác bị đăng xuất."
        )
