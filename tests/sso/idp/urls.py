from django.contrib.auth.views import LoginView
from django.urls import include, path

from .settings import TENANT

urlpatterns = [
    # Like Entra ID: the issuer is https://login.microsoftonline.com/<tenant>/v2.0.
    path(f"{TENANT}/v2.0/", include("oidc_provider.urls", namespace="oidc_provider")),
    path("login/", LoginView.as_view(template_name="idp/login.html"), name="login"),
]
