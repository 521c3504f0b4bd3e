from django.utils.translation import gettext_lazy as _

from ideabank.lib.checks import check_languages_are_translated


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
