"""The page a form gets when its CSRF check fails (settings.CSRF_FAILURE_VIEW).

Django's own view renders 403_csrf.html without the request, so the page could not
use the site's layout (its navigation and the nonce its styles need). This one
renders the same template with it."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
