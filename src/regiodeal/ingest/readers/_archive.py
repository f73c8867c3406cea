"""Zip bomb checks for DOCX and ODT, before python-docx or odfpy unpack anything.

Both libraries read whole parts into memory, so a small file that unpacks to gigabytes would
take the server down. The checks use the sizes in the zip's central directory; zipfile never
returns more than the declared size of an entry (and checks its CRC), so a directory that
lies about sizes cannot get more past these checks than it declares.
"""

import io
import zipfile

from django.utils.translation import gettext as _

from regiodeal.ingest.errors import UnreadableFileError

# A real document unpacks to a few times its size: XML compresses well, images hardly. 100 times
# the file leaves a wide margin; the absolute cap keeps even a 25 MB upload under 200 MB in RAM.
MAX_EXPANSION = 100
MAX_TOTAL_BYTES = 200 * 1024 * 1024
# One part that compresses better than 200:1 is a run of zeros, not document content. Parts
# under 1 MB are left out: a tiny run of spaces compresses that well too, and harms nobody.
MAX_RATIO = 200
RATIO_MIN_BYTES = 1024 * 1024
# A long report has a few hundred parts (images, fonts); ten thousand is a crafted file.
MAX_ENTRIES = 10_000


def check_zip(data: bytes, name: str) -> None:
    """Raise UnreadableFileError if the zip is damaged or would unpack to far too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception as error:
        # BadZipFile mostly, but a mangled directory also gives ValueError, struct.error,
        # EOFError or NotImplementedError; each means the same to the person importing.
        raise UnreadableFileError(
            _("%(file)s is a damaged archive and could not be opened.") % {"file": name},
            code="damaged_zip",
        ) from error
    total = sum(entry.file_size for entry in entries)
    too_compressed = any(
        entry.file_size > RATIO_MIN_BYTES
        and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
        for entry in entries
    )
    if (
        len(entries) > MAX_ENTRIES
        or total > min(MAX_TOTAL_BYTES, MAX_EXPANSION * len(data))
        or too_compressed
    ):
        raise UnreadableFileError(
            _(
                "%(file)s unpacks to far more data than a document of its size should; "
                "it was refused as a precaution."
            )
            % {"file": name},
            code="zip_bomb",
        )
