"""A real OpenID Connect provider for the tests: django-oidc-provider in a process of
its own, playing one council's Microsoft Entra ID tenant (serve.py starts it)."""
