"""Whatever bytes arrive, the readers return a consistent document or raise an IngestError.

Third-party parsers raise all sorts of exceptions on malformed input; the readers promise the
caller only IngestError. Hypothesis looks for a counterexample to that promise.
"""

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiodeal.ingest.documents import ReadDocument
from regiodeal.ingest.errors import IngestError
from regiodeal.ingest.readers import read_bytes

EXTENSIONS = [".txt", ".md", ".html", ".pdf", ".docx", ".odt", ".xyz"]
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def read_or_refuse(data: bytes, name: str) -> ReadDocument | None:
    try:
        document = read_bytes(data, name)
    except IngestError as error:
        assert error.messages and name in " ".join(error.messages)
        return None
    assert isinstance(document, ReadDocument) and document.blocks
    previous_end = 0
    for block in document.blocks:
        assert previous_end <= block.start <= block.end <= len(document.text)
        assert document.text[block.start : block.end] == block.text
        previous_end = block.end
    return document


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(EXTENSIONS))
def test_any_bytes(data, extension):
    read_or_refuse(data, f"upload{extension}")


# Random bytes almost never get past the magic-byte checks; these do, and then reach pypdf,
# zipfile, python-docx and odfpy with damaged content behind a valid start.
@FUZZ
@given(
    st.sampled_from([b"%PDF-1.4\n", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n"]),
    st.binary(max_size=2048),
)
def test_bytes_behind_a_pdf_header(header, rest):
    read_or_refuse(header + rest, "upload.pdf")


def zip_with(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@FUZZ
@given(st.binary(max_size=2048), st.booleans())
def test_damaged_parts_in_a_valid_zip(content, odt):
    if odt:
        data = zip_with(
            {
                "mimetype": b"application/vnd.oasis.opendocument.text",
                "META-INF/manifest.xml": content,
                "content.xml": content,
            }
        )
    else:
        data = zip_with({"[Content_Types].xml": content, "word/document.xml": content})
    read_or_refuse(data, "upload.odt" if odt else "upload.docx")


@FUZZ
@given(st.text(), st.sampled_from([".txt", ".md", ".html"]))
def test_any_text(text, extension):
    document = read_or_refuse(text.encode("utf-8"), f"upload{extension}")
    if document is not None:
        assert "\u00a0" not in document.text
