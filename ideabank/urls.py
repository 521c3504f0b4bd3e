from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from explore import api as open_data_api
from explore import open_data
from explore import views as explore_views

from .lib import health, metrics


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


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page links to."""
    icon = settings.BASE_DIR / "static" / "favicon.ico"
    # Read whole (under 1 kB): a streamed file stays open for a client that never reads it.
    return HttpResponse(icon.read_bytes(), content_type="image/vnd.microsoft.icon")


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
        path(
            "feedback/", TemplateView.as_view(template_name="pages/feedback.html"), name="feedback"
        ),
    ],
    "pages",
)

urlpatterns = [
    path("", explore_views.home, name="home"),
    path("api/v1/", open_data_api.urls()),
    path("open-data/", open_data.open_data_page, name="open_data"),
    path("open-data/public-outcomes.csv", open_data.outcomes_file, name="open_data_outcomes"),
    path("healthz", health.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("favicon.ico", favicon, name="favicon"),
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
    path("", include("notifications.urls")),
    path("evidence/", include("evidence.urls")),
    path("", include(pages)),
    path("admin/", admin.site.urls),
]

# The 403 page shows a refusal's reason only when it was written for the reader.
handler403 = "ideabank.lib.refusals.permission_denied"
