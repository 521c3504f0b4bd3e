import re

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def test_every_admin_model_has_a_plural_that_reads_correctly():
    for model in admin.site._registry:
        plural = str(model._meta.verbose_name_plural)
        assert not re.search(r"[^aeiou]ys$", plural), plural


def test_the_admin_index_names_digest_deliveries_and_requests_to_join(client_for, platform_admin):
    html = client_for(platform_admin).get(reverse("admin:index")).content.decode()
    for name in ["Digest deliveries", "Digest runs", "Digest settings", "Requests to join"]:
        assert f">{name}</a>" in html, name
    assert "deliverys" not in html.lower()
