"""Production refuses unsafe settings at start-up, with the fix in the message."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from ideabank.lib import env as env_module
from ideabank.lib.checks import check_production_settings

from .helpers import PRODUCTION, manage, run, show_setting, venv_bin

UNSAFE = [
    ("REDIS_URL", "", "ideabank.E010", "Set REDIS_URL"),
    ("EMAIL_HOST", "", "ideabank.E012", "Set EMAIL_HOST"),
    ("ALLOWED_HOSTS", "localhost,127.0.0.1", "ideabank.E013", "Set ALLOWED_HOSTS"),
    ("ALLOWED_HOSTS", "*", "ideabank.E013", "no '*'"),
    ("SUPPORT_EMAIL", "support@ideabank.local", "ideabank.E014", "Set SUPPORT_EMAIL"),
    ("CELERY_TASK_ALWAYS_EAGER", "1", "ideabank.E011", "Remove CELERY_TASK_ALWAYS_EAGER"),
]


@pytest.mark.parametrize(("name", "value", "error", "fix"), UNSAFE)
def test_start_up_refuses_each_unsafe_production_setting(name, value, error, fix):
    result = manage("check", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert error in result.stderr
    assert fix in result.stderr


def test_the_deploy_check_refuses_a_missing_redis_url_as_an_error():
    result = manage("check", "--deploy", **{**PRODUCTION, "REDIS_URL": ""})
    assert result.returncode != 0
    assert "ERRORS:" in result.stderr
    assert "ideabank.E010" in result.stderr


def test_migrate_refuses_to_run_on_unsafe_production_settings():
    # The compose `migrate` service runs first; web, worker and beat wait for it.
    result = manage("migrate", "--check", **{**PRODUCTION, "EMAIL_HOST": ""})
    assert result.returncode != 0
    assert "ideabank.E012" in result.stderr


def test_gunicorn_refuses_to_start_on_unsafe_production_settings():
    args = ("-c", "gunicorn.conf.py", "ideabank.wsgi:application")
    unsafe = {"REDIS_URL": "", "GUNICORN_BIND": "127.0.0.1:0", "GUNICORN_WORKERS": "1"}

    result = run(venv_bin("gunicorn"), *args, **{**PRODUCTION, **unsafe})

    assert result.returncode != 0
    assert "ideabank.E010" in result.stderr


def test_a_celery_worker_refuses_to_start_on_unsafe_production_settings():
    args = ("-A", "ideabank", "worker", "--pool", "solo")
    unsafe = {"SUPPORT_EMAIL": "support@ideabank.local"}

    result = run(venv_bin("celery"), *args, **{**PRODUCTION, **unsafe})

    assert result.returncode != 0
    assert "ideabank.E014" in result.stderr + result.stdout


def test_the_production_settings_pass_every_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_nothing_is_refused_on_a_laptop(settings):
    settings.DEBUG = True
    settings.REDIS_URL = ""
    assert check_production_settings(None) == []


def test_a_misspelt_boolean_is_refused_naming_the_variable_and_the_accepted_values():
    result = manage("check", **{**PRODUCTION, "SECURE_SSL_REDIRECT": "flase"})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECURE_SSL_REDIRECT='flase' is neither on nor off" in (
        result.stderr
    )
    assert "1, true, yes, on (on) or 0, false, no, off (off)" in result.stderr


def test_a_number_that_is_not_a_number_is_refused_naming_the_variable():
    result = manage("check", CONN_MAX_AGE="sixty")
    assert result.returncode != 0
    assert "CONN_MAX_AGE='sixty' is not a whole number" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("TRUE", True), (" yes ", True), ("on", True), ("0", False), ("Off", False)],
)
def test_a_boolean_accepts_the_usual_words(monkeypatch, value, expected):
    monkeypatch.setenv("IDEABANK_EXAMPLE", value)
    assert env_module.env_bool("IDEABANK_EXAMPLE") is expected


@pytest.mark.parametrize("value", ["flase", "2", "y", "enabled"])
def test_a_boolean_refuses_any_other_word(monkeypatch, value):
    monkeypatch.setenv("IDEABANK_EXAMPLE", value)
    with pytest.raises(ImproperlyConfigured, match="IDEABANK_EXAMPLE"):
        env_module.env_bool("IDEABANK_EXAMPLE")


def test_an_empty_value_counts_as_unset(monkeypatch):
    monkeypatch.setenv("IDEABANK_EXAMPLE", "")
    assert env_module.env_bool("IDEABANK_EXAMPLE", default=True) is True
    assert env_module.env_int("IDEABANK_EXAMPLE", 7) == 7


@pytest.mark.parametrize("value", ["-1", "1.5", "lots"])
def test_a_whole_number_refuses_anything_else(monkeypatch, value):
    monkeypatch.setenv("IDEABANK_EXAMPLE", value)
    with pytest.raises(ImproperlyConfigured, match="IDEABANK_EXAMPLE"):
        env_module.env_int("IDEABANK_EXAMPLE", 3)


def test_one_trusted_proxy_sets_allauths_count_and_the_https_header():
    shown = show_setting(
        "settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.SECURE_PROXY_SSL_HEADER",
        **PRODUCTION,
        TRUSTED_PROXY_COUNT="1",
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "1 ('HTTP_X_FORWARDED_PROTO', 'https')"


def test_without_a_trusted_proxy_forwarded_headers_are_not_believed():
    shown = show_setting(
        "settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.SECURE_PROXY_SSL_HEADER", **PRODUCTION
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "0 None"
