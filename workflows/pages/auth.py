from django.contrib.auth import views as auth_views
from rest_framework.authtoken.models import Token


class LogoutView(auth_views.LogoutView):
    """Logging out of the pages also revokes the user's API token: a copied token cannot be replayed."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            Token.objects.filter(user=request.user).delete()
        return super().post(request, *args, **kwargs)
