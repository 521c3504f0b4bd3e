"""Settings of the test identity provider. IDP_CONFIG (JSON, set by serve.py) names
its tenant, database, clients and people."""

import json
import os
from pathlib import Path

CONFIG = json.loads(os.environ["IDP_CONFIG"])
TENANT = CONFIG["tenant"]
# Each person's claims and quirks, by their sign-in name at the provider.
PEOPLE = {person["username"]: person for person in CONFIG["people"]}

SECRET_KEY = "test-identity-provider-only"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tests.sso.idp.hooks.TamperMiddleware",
]
ROOT_URLCONF = "tests.sso.idp.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": CONFIG["database"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
# Cookies of their own: the providers and Idea Bank's live server share 127.0.0.1.
SESSION_COOKIE_NAME = f"idp_{TENANT}_session"
CSRF_COOKIE_NAME = f"idp_{TENANT}_csrf"
LOGIN_URL = "/login/"
OIDC_IDTOKEN_INCLUDE_CLAIMS = True
OIDC_USERINFO = "tests.sso.idp.hooks.userinfo"
OIDC_IDTOKEN_PROCESSING_HOOK = "tests.sso.idp.hooks.id_token"
OIDC_IDTOKEN_SUB_GENERATOR = "tests.sso.idp.hooks.sub"
