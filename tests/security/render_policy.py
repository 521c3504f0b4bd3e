"""Print the policy table for docs/security.md: `python -m tests.security.render_policy`."""

import os

import django

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ideabank.settings")
    django.setup()
    from .policy import markdown_table

    print(markdown_table())
