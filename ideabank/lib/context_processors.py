from django.conf import settings


def support(request):
    """The address for questions about the site, for the accessibility and privacy pages,
    and the site's own address (SITE_URL: never the request's Host header, which an
    error page for a refused host must not read)."""
    return {"support_email": settings.SUPPORT_EMAIL, "site_url": settings.SITE_URL}
