import re
from http.cookies import SimpleCookie

import pytest
from django.test import Client
from django.urls import reverse

from ..conftest import people_by_name
from .policy import PERSONS
from .world import build_world

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def cast(request):
    return people_by_name(request, PERSONS)


@pytest.fixture
def world(cast, barnet, brent, leeds):
    return build_world(cast, barnet=barnet, brent=brent)


class Visitor:
    """A person's cookies and CSRF token, replayed before each request, so that a
    sign-out (rolled back in the database) cannot change who the next request is."""

    def __init__(self, user):
        # One client per person, signed in once: its cookies are replayed before each request.
        self._client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        if user is not None:
            self._client.force_login(user)
        page = self._client.get(reverse("accounts:profile" if user else "account_login"))
        self.token = CSRF_INPUT.search(page.content.decode()).group(1)
        self.cookies = {name: morsel.value for name, morsel in self._client.cookies.items()}

    def client(self):
        self._client.cookies = SimpleCookie(self.cookies)
        return self._client


class Visitors(dict):
    """Each person's Visitor, made when a test first asks for it: a sweep test reads
    one person's of eleven, and each costs a client, a sign-in and a page."""

    def __init__(self, cast):
        super().__init__()
        self.cast = cast

    def __missing__(self, name):
        self[name] = Visitor(self.cast[name])
        return self[name]


@pytest.fixture
def visitors(cast):
    return Visitors(cast)
