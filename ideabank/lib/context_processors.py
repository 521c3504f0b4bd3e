from django.conf import settings


def support(request):
    """The address for questions about the site, for the accessibility and privacy pages."""
    return {"support_email": settings.SUPPORT_EMAIL}
