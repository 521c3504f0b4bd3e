from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from . import views

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
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("", include("councils.urls")),
    path("councils/<slug:slug>/members/", include("councils.member_urls")),
    path("join-a-council/", include("councils.join_urls")),
    path("ideas/", include("ideas.urls")),
    path("pilots/", include("pilots.urls")),
    path("outcomes/", include("outcomes.urls")),
    path("digests/", include("digests.urls")),
    path("", include(pages)),
    path("admin/", admin.site.urls),
]
