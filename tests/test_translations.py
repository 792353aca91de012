"""The translation catalogues: the Polish one is complete, compiled, loaded, and its committed .mo is not stale."""

import gettext as gnu_gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
POLISH_PLURAL_FORMS = "nplurals=3; plural=(n==1 ? 0 : (n%10>=2 && n%10<=4) && (n%100<12 || n%100>14) ? 1 : 2);"
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


@dataclass
class Entry:
    """One message of a .po file; `msgstr` maps the plural index (0 for a singular message) to its text."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"line {self.line}: {context}{self.msgid!r}"


def unquote(literal: str) -> str:
    """The text of one quoted PO string, with its C-style escapes resolved."""
    body = literal.strip()[1:-1]
    return re.sub(r"\\(.)", lambda match: ESCAPES.get(match.group(1), match.group(1)), body)


def parse_po(text: str) -> list[Entry]:
    """Every entry of a .po file: multi-line strings joined, plural forms and contexts kept, flags read.

    Obsolete (#~) entries are returned too, marked as such, so that a caller can ignore or reject them.
    """
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def flush():
        nonlocal entry, target
        if target is not None or entry.obsolete:
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if line.startswith("#"):
            if target is not None and target[0] == "msgstr":
                flush()
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        keyword = KEYWORD.match(line)
        if keyword:
            name, index, literal = keyword.groups()
            if name in {"msgctxt", "msgid"} and target is not None and target[0] == "msgstr":
                flush()
            if target is None:
                entry.line = number
            if name.startswith("msgstr"):
                target = ("msgstr", int(index or 0))
                entry.msgstr[target[1]] = unquote(literal)
            else:
                target = (name, 0)
                setattr(entry, name, unquote(literal))
            continue
        if line.startswith('"') and target is not None:
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += unquote(line)
            else:
                setattr(entry, name, getattr(entry, name) + unquote(line))
            continue
        raise ValueError(f"line {number} of the .po file cannot be read: {raw!r}")
    flush()
    return entries


def header_fields(entries: list[Entry]) -> dict[str, str]:
    header = next(entry for entry in entries if entry.is_header)
    pairs = (line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def live_entries(language: str) -> list[Entry]:
    entries = parse_po(po_path(language).read_text(encoding="utf-8"))
    return [entry for entry in entries if not entry.obsolete and not entry.is_header]


def translated_messages(mo_file: Path) -> set[tuple]:
    """The (key, translation) pairs of a compiled catalogue, without its header."""
    with open(mo_file, "rb") as handle:
        catalog = gnu_gettext.GNUTranslations(handle)._catalog
    return {(key, value) for key, value in catalog.items() if key != ""}


def test_parser_reads_multiline_plural_context_fuzzy_and_obsolete_entries():
    """The little parser joins continued strings, keeps plural forms and contexts, and reads flags."""
    sample = "\n".join(
        [
            'msgid ""',
            'msgstr ""',
            '"Language: pl\\n"',
            "",
            "#: app/views.py:1",
            "#, python-format",
            'msgid ""',
            '"A long "',
            '"message about %(name)s"',
            'msgstr "Długi komunikat o %(name)s"',
            "",
            'msgctxt "menu"',
            'msgid "one file"',
            'msgid_plural "%(count)s files"',
            'msgstr[0] "jeden plik"',
            'msgstr[1] "%(count)s pliki"',
            'msgstr[2] ""',
            '"%(count)s plików"',
            "#, fuzzy",
            'msgid "Say \\"hi\\""',
            'msgstr ""',
            "",
            '#~ msgid "Gone"',
            '#~ msgstr "Nie ma"',
        ]
    )
    header, message, plural, fuzzy, obsolete = parse_po(sample)
    assert header.is_header and header.msgstr == {0: "Language: pl\n"}
    assert message.msgid == "A long message about %(name)s"
    assert message.msgstr == {0: "Długi komunikat o %(name)s"}
    assert message.flags == {"python-format"}
    assert plural.msgctxt == "menu" and plural.msgid_plural == "%(count)s files"
    assert plural.msgstr == {0: "jeden plik", 1: "%(count)s pliki", 2: "%(count)s plików"}
    assert fuzzy.msgid == 'Say "hi"' and "fuzzy" in fuzzy.flags and fuzzy.msgstr == {0: ""}
    assert obsolete.obsolete


def test_polish_catalogue_header_declares_polish_utf8_and_three_plural_forms():
    """The header says Language: pl, UTF-8, Polish plural rules, and is not marked fuzzy."""
    entries = parse_po(po_path("pl").read_text(encoding="utf-8"))
    header = next(entry for entry in entries if entry.is_header)
    fields = header_fields(entries)
    assert "fuzzy" not in header.flags
    assert fields["Language"] == "pl"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == POLISH_PLURAL_FORMS


def test_english_catalogue_header_declares_english_utf8_and_two_plural_forms():
    """The English catalogue (empty msgstrs: the msgids are English) still has a correct header."""
    fields = header_fields(parse_po(po_path("en").read_text(encoding="utf-8")))
    assert fields["Language"] == "en"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_every_polish_message_is_translated_and_none_is_fuzzy():
    """Each message has a non-empty translation in every plural form, and no entry is fuzzy or obsolete."""
    entries = parse_po(po_path("pl").read_text(encoding="utf-8"))
    live = [entry for entry in entries if not entry.is_header]
    assert len(live) > 100, "the parser found suspiciously few messages"
    assert [entry.label for entry in live if entry.obsolete] == []
    assert [entry.label for entry in live if "fuzzy" in entry.flags] == []
    untranslated = []
    for entry in live:
        forms = range(3) if entry.msgid_plural is not None else range(1)
        if any(not entry.msgstr.get(index, "").strip() for index in forms):
            untranslated.append(entry.label)
    assert untranslated == []


def test_polish_translations_keep_the_named_placeholders():
    """A translation uses exactly the %(name)s placeholders of its source text."""
    mismatched = []
    for entry in live_entries("pl"):
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in entry.msgstr.values():
            if set(PLACEHOLDER.findall(text)) != wanted:
                mismatched.append((entry.label, text))
    assert mismatched == []


def test_committed_polish_catalogue_is_compiled_and_loaded():
    """Django serves the Polish words from the committed .mo; "Dashboard" is in no catalogue of Django's own."""
    with translation.override("pl"):
        assert translation.gettext("Log in") == "Zaloguj się"
        assert translation.gettext("Dashboard") == "Pulpit"
        assert translation.gettext("Users and roles") == "Użytkownicy i role"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_committed_mo_holds_exactly_what_its_po_compiles_to(language, tmp_path):
    """A .mo left behind after editing the .po (a stale compile) fails: both must hold the same messages."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    fresh = tmp_path / "django.mo"
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(fresh), str(po_path(language))], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    committed = po_path(language).with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run `make messages`"
    assert translated_messages(committed) == translated_messages(fresh)


def test_the_english_interface_writes_dates_and_numbers_the_polish_way():
    import datetime
    from decimal import Decimal

    from django.utils import formats

    for language in ("pl", "en"):
        with translation.override(language):
            assert formats.date_format(datetime.date(2026, 3, 2), "SHORT_DATE_FORMAT") == "02-03-2026"
            # Thousands are grouped with a no-break space.
            assert formats.number_format(Decimal("1234.5"), 2, force_grouping=True) == "1\xa0234,50"
