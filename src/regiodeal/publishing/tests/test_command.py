"""``regiodeal besluitenlijst``: the published list as a file, or a clear refusal."""

import zipfile
from io import BytesIO, StringIO

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from .conftest import AWKWARD_TITLE, EXPECTED_AMOUNTS

pytestmark = pytest.mark.django_db

TITLE = "Besluitenlijst december 2021"
SLUG = "december-2021"


def run(*args: str) -> str:
    out = StringIO()
    call_command("besluitenlijst", *args, stdout=out, no_color=True)
    return out.getvalue()


def test_writes_the_pdf_and_says_where(published_list, tmp_path):
    target = tmp_path / "lijst.pdf"
    message = run(SLUG, "--format", "pdf", "-o", str(target))

    kilobytes = f"{target.stat().st_size / 1000:.1f}".replace(".", ",")
    assert message == f"{TITLE} geschreven naar {target} ({kilobytes} kB)\n"
    reader = PdfReader(BytesIO(target.read_bytes()))
    assert reader.metadata.title == TITLE
    content = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert AWKWARD_TITLE in content
    for amount in EXPECTED_AMOUNTS:
        assert amount in content


def test_writes_docx(published_list, tmp_path):
    target = tmp_path / "lijst.docx"
    run(SLUG, "-f", "docx", "-o", str(target))

    document = docx.Document(str(target))
    assert document.core_properties.title == TITLE
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [TITLE]


def test_the_format_follows_the_file_name_when_not_given(published_list, tmp_path):
    target = tmp_path / "lijst.odt"
    run(SLUG, "-o", str(target))

    with zipfile.ZipFile(target) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize("args", [(), ("-o", "-"), ("--format", "md", "-o", "-")])
def test_markdown_goes_to_standard_output(published_list, args):
    output = run(SLUG, *args)

    assert output.startswith(f"# {TITLE}\n")
    assert f"## {AWKWARD_TITLE}\n" in output
    assert output.endswith(".\n") and not output.endswith("\n\n")
    assert "geschreven naar" not in output


def test_a_binary_format_needs_a_file(published_list):
    with pytest.raises(CommandError, match="geef met -o een bestandsnaam op"):
        run(SLUG, "--format", "pdf")


def test_an_unknown_format_is_refused_by_the_parser(published_list, tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'xls'"):
        run(SLUG, "--format", "xls", "-o", str(tmp_path / "lijst.xls"))


def test_an_unknown_meeting_is_refused(db, tmp_path):
    target = tmp_path / "lijst.md"
    with pytest.raises(CommandError) as refused:
        run("maart-2030", "-o", str(target))
    assert "Geen gepubliceerde besluitenlijst met de naam “maart-2030”" in str(refused.value)
    assert not target.exists()


def test_an_unpublished_meeting_is_refused(unpublished_meeting, tmp_path):
    target = tmp_path / "lijst.md"
    with pytest.raises(CommandError, match="nog niet gepubliceerd") as refused:
        run(unpublished_meeting.slug, "-o", str(target))
    assert f"Geen gepubliceerde besluitenlijst met de naam “{unpublished_meeting.slug}”" in str(
        refused.value
    )
    assert not target.exists()


def test_an_unwritable_file_is_reported_without_a_traceback(published_list, tmp_path):
    with pytest.raises(CommandError, match=r"Kan .*lijst\.md niet schrijven"):
        run(SLUG, "-o", str(tmp_path / "bestaat-niet" / "lijst.md"))
