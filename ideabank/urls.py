from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.views.generic import TemplateView

from explore import views as explore_views

from .lib import health


def admin_sign_in(request, extra_context=None):
    """Django admin has no sign-in of its own: people sign in through allauth, which
    rate-limits attempts and asks for MFA (required of platform admins)."""
    admin_home = reverse("admin:index")
    if not request.user.is_authenticated:
        wanted = request.GET.get("next", "")
        return redirect_to_login(wanted if wanted.startswith(admin_home) else admin_home)
    if request.user.is_active and request.user.is_staff:
        return redirect("admin:index")
    raise PermissionDenied


admin.site.login = admin_sign_in

pages = (
    [
        path(
            "accessibility/",
            TemplateView.as_view(template_name="pages/accessibility.html"),
            name="accessibility",
        ),
        path("cookies/", TemplateView.as_view(template_name="pages/cookies.html"), name="cookies"),
        path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
        path("credits/", TemplateView.as_view(template_name="pages/credits.html"), name="credits"),
    ],
    "pages",
)

urlpatterns = [
    path("", explore_views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("", include("explore.urls")),
    path("", include("councils.urls")),
    path("councils/<slug:slug>/members/", include("councils.member_urls")),
    path("councils/<slug:slug>/people/", include("councils.people_urls")),
    path("join-a-council/", include("councils.join_urls")),
    path("scim/v2/<slug:slug>/", include("councils.sso.scim_urls")),
    path("ideas/", include("ideas.urls")),
    path("pilots/", include("pilots.urls")),
    path("outcomes/", include("outcomes.urls")),
    path("digests/", include("digests.urls")),
    path("", include(pages)),
    path("admin/", admin.site.urls),
]
