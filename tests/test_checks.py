from django.utils.translation import gettext_lazy as _

from ideabank.lib.checks import check_languages_are_translated, check_production_settings


def test_a_language_without_a_translation_is_refused(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    settings.LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
    [error] = check_languages_are_translated(None)
    assert error.id == "ideabank.E001"
    assert "(cy)" in error.msg


def test_a_language_with_a_compiled_translation_passes(settings, tmp_path):
    (tmp_path / "cy" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "cy" / "LC_MESSAGES" / "django.mo").write_bytes(b"")
    settings.LOCALE_PATHS = [tmp_path]
    settings.LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
    assert check_languages_are_translated(None) == []


def test_a_welsh_browser_gets_english_pages_marked_as_english(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200
    assert b'<html lang="en-gb"' in response.content


def test_the_site_checks_are_registered_with_django(settings):
    from django.core.checks import registry

    settings.DEBUG = False
    settings.SUPPORT_EMAIL = "support@ideabank.local"
    found = {message.id for message in registry.run_checks()}
    assert "ideabank.E014" in found
    assert check_production_settings in registry.registry.get_checks()
    assert check_languages_are_translated in registry.registry.get_checks()
