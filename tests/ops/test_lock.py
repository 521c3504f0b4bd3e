"""The lock files hold every pinned dependency of pyproject.toml, with hashes."""

import re
import tomllib

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR


def pins(requirements):
    """{normalised name: version} for each `name==version` (extras dropped)."""
    found = {}
    for requirement in requirements:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?==([^\s;]+).*", requirement)
        assert match, f"not pinned with ==: {requirement}"
        found[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[3]
    return found


def locked(path):
    text = (ROOT / path).read_text()
    entries = re.findall(
        r"^([A-Za-z0-9_.-]+)==(\S+) \\\n((?:\s+--hash=sha256:\w+ ?\\?\n?)+)", text, re.M
    )
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version, _ in entries}, text


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.mark.parametrize(
    ("lock_file", "groups"),
    [("requirements.lock", ["runtime"]), ("requirements-dev.lock", ["runtime", "dev"])],
)
def test_each_lock_file_pins_what_pyproject_pins_run_make_lock_if_not(lock_file, groups):
    wanted = {}
    for group in groups:
        source = (
            PROJECT["dependencies"]
            if group == "runtime"
            else PROJECT["optional-dependencies"][group]
        )
        wanted.update(pins(source))
    have, text = locked(lock_file)

    assert {name: have.get(name) for name in wanted} == wanted
    requirement_lines = [line for line in text.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert len(requirement_lines) == len(have)  # every entry carries its hashes
