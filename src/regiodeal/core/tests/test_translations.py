"""The Dutch catalogue is complete, compiled and consistent with the source strings.

The UI is Dutch through gettext with English msgids, so an untranslated or fuzzy message shows
English to Dutch users. After adding or changing strings: ``make messages``, translate every new
``msgstr`` in ``locale/nl/LC_MESSAGES/django.po``, and run ``make messages`` again to compile.
"""

import gettext
import os
import re
import shutil
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.utils import translation

PACKAGE_DIR = Path(__file__).resolve().parents[2]
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ("nl", "en")

# %(name)s, %s, %d, %.2f, ... (not the literal %%).
PERCENT_PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]"
)
# {name}, {0}, {} and {name:format} (not the literal {{ or }}).
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{(?P<name>\w*)(?:[!:][^{}]*)?\}")


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def mo_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        # abort_invalid: a syntax error in the .po must fail the test, not be skipped over.
        return read_po(handle, locale=language, abort_invalid=True)


def messages(catalog: Catalog) -> list[Message]:
    """All messages except the header."""
    return [message for message in catalog if message.id]


def label(message: Message) -> str:
    msgid = message.id[0] if message.pluralizable else message.id
    return f"{message.context}|{msgid}" if message.context else msgid


def forms(message: Message) -> tuple[str, ...]:
    """The msgstr, or every msgstr[n] of a plural message."""
    if message.pluralizable:
        return tuple(message.string or ())
    return (message.string or "",)


def placeholders(text: str, pattern: re.Pattern[str]) -> Counter:
    return Counter(match.group(0) for match in pattern.finditer(text) if match.group(0) != "%%")


def is_positional(token: str) -> bool:
    return token == "{}" or (token.startswith("%") and not token.startswith("%("))


def same_placeholders(found: Counter, expected: Counter) -> bool:
    """Same placeholders; positional ones also the same number of times (named: any number)."""

    def positional(counter: Counter) -> Counter:
        return Counter({token: n for token, n in counter.items() if is_positional(token)})

    return set(found) == set(expected) and positional(found) == positional(expected)


@pytest.fixture(scope="module")
def dutch() -> Catalog:
    return read_catalog("nl")


def test_catalogues_exist():
    for language in LANGUAGES:
        assert po_path(language).is_file(), f"{po_path(language)} is missing: run make messages"
        assert mo_path(language).is_file(), f"{mo_path(language)} is missing: run make messages"


def test_dutch_catalogue_header(dutch):
    assert not dutch.fuzzy, "the header of the nl catalogue is marked fuzzy"
    assert str(dutch.locale) == "nl"
    assert dutch.plural_forms == "nplurals=2; plural=(n != 1);"


def test_every_dutch_message_is_translated(dutch):
    untranslated = [
        label(message) for message in messages(dutch) if not all(form for form in forms(message))
    ]
    assert len(messages(dutch)) > 0
    assert not untranslated, f"{len(untranslated)} message(s) without Dutch translation: " + (
        "; ".join(untranslated)
    )


def test_no_dutch_message_is_fuzzy(dutch):
    # gettext ignores a fuzzy message at run time: the user would see the English msgid.
    fuzzy = [label(message) for message in messages(dutch) if message.fuzzy]
    assert not fuzzy, "fuzzy message(s), check and remove the flag: " + "; ".join(fuzzy)


def test_plural_messages_have_every_form(dutch):
    wrong = [
        label(message)
        for message in messages(dutch)
        if message.pluralizable and len(forms(message)) != dutch.num_plurals
    ]
    assert not wrong, "plural message(s) with the wrong number of forms: " + "; ".join(wrong)


def test_placeholders_are_kept(dutch):
    problems = []
    for message in messages(dutch):
        ids = message.id if message.pluralizable else (message.id,)
        checks = []
        if "python-format" in message.flags:
            checks.append(PERCENT_PLACEHOLDER)
        if "python-brace-format" in message.flags:
            checks.append(BRACE_PLACEHOLDER)
        for pattern in checks:
            for index, form in enumerate(forms(message)):
                if not form:
                    continue  # reported by test_every_dutch_message_is_translated
                found = placeholders(form, pattern)
                if message.pluralizable:
                    # A singular form may leave out the number ("één project"); the other forms
                    # need everything the English plural has. None may invent a placeholder.
                    allowed = set().union(*(placeholders(text, pattern) for text in ids))
                    required = set(placeholders(ids[-1], pattern)) if index > 0 else set()
                    if not (required <= set(found) <= allowed):
                        problems.append(f"{label(message)} [form {index}]: {form}")
                elif not same_placeholders(found, placeholders(ids[0], pattern)):
                    problems.append(f"{label(message)}: {form}")
    # Babel's own check as well: named and positional placeholders, compatible conversions.
    for message, errors in dutch.check():
        problems.extend(f"{label(message)}: {error}" for error in errors)
    assert not problems, "placeholders differ from the msgid:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_po(language):
    """The shipped .mo holds exactly what the .po says: a stale .mo fails here."""
    catalog = read_catalog(language)
    # Like msgfmt, leave out untranslated messages (Babel keeps plurals with only empty forms).
    for message in messages(catalog):
        if not any(forms(message)):
            catalog.delete(message.id, context=message.context)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    expected = gettext.GNUTranslations(compiled)._catalog

    with mo_path(language).open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)._catalog

    # The header ("") is generated differently by msgfmt and Babel; compare the messages.
    expected = {key: value for key, value in expected.items() if key != ""}
    shipped = {key: value for key, value in shipped.items() if key != ""}
    stale = sorted(
        str(key)
        for key in expected.keys() | shipped.keys()
        if expected.get(key) != shipped.get(key)
    )
    assert not stale, (
        f"{mo_path(language)} does not match the .po, run compilemessages; differs for: "
        + "; ".join(stale[:20])
    )


def test_django_uses_the_catalogues(settings):
    # Variables, not literals: makemessages must not take these msgids from this test file.
    programme, singular, plural = (
        "the programme",
        "%(counter)s project found",
        "%(counter)s projects found",
    )
    assert settings.LANGUAGE_CODE == "nl"
    assert {code for code, _name in settings.LANGUAGES} == set(LANGUAGES)
    with translation.override("nl"):
        assert translation.gettext(programme) == "het programma"
        assert translation.ngettext(singular, plural, 2) == "%(counter)s projecten gevonden"
        assert translation.ngettext(singular, plural, 1) == "%(counter)s project gevonden"
    with translation.override("en"):
        assert translation.gettext(programme) == "the programme"


# A developer's machine without GNU gettext may skip this; CI (CI=true) must run it.
@pytest.mark.skipif(
    shutil.which("xgettext") is None and not os.environ.get("CI"),
    reason="needs the GNU gettext tools",
)
def test_catalogue_has_every_source_string(tmp_path, monkeypatch, dutch, settings):
    """Extract the strings again from a copy of the source: none may be missing from the .po."""
    copy = tmp_path / "regiodeal"
    shutil.copytree(
        PACKAGE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            "locale", "static", "__pycache__", "*.pyc", "*.csv", "*.topojson", "*.json"
        ),
    )
    (copy / "locale").mkdir()
    # Only the copy's locale directory: the shipped catalogue must never be written here.
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["nl"], no_obsolete=True, no_location=True, verbosity=0)
    with (copy / "locale" / "nl" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        extracted = read_po(handle, locale="nl")

    def keys(catalog: Catalog) -> set[tuple[str | None, str]]:
        return {(message.context, label(message)) for message in messages(catalog)}

    missing = sorted(label for _context, label in keys(extracted) - keys(dutch))
    assert not missing, (
        f"{len(missing)} source string(s) missing from the nl catalogue, run make messages "
        "and translate them: " + "; ".join(missing)
    )
