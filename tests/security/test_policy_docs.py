from pathlib import Path

from django.conf import settings

from .policy import POLICY, entry_for, markdown_table
from .sweep import url_patterns


def test_docs_security_shows_the_policy_table_the_sweep_checks():
    docs = (Path(settings.BASE_DIR) / "docs" / "security.md").read_text()

    assert markdown_table() in docs, "run: python -m tests.security.render_policy"


def test_every_policy_entry_still_matches_a_url_pattern():
    names = [name for name, _ in url_patterns()]
    used = {entry_for(name) for name in names}

    assert sorted(set(POLICY) - used) == []
