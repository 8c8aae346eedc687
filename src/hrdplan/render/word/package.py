"""The DOCX package: written with fixed entry dates, attributes and order (python-docx stamps
the current time into the zip, python-openxml/python-docx#1042, #811), and hrdplan's mark in
its core properties."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

from hrdplan.io.files import bounded_read

# hrdplan's mark in the core properties (docProps/core.xml): who last modified the document
# and when. Word and LibreOffice rewrite both when someone saves the file, so a DOCX that a
# colleague has since edited (comments, tracked changes) is no longer "ours" and rendering
# again refuses to replace it without --force.
MARK = "hrdplan"
FIXED_DATE = (2000, 1, 1)
# The zip entries' date: the earliest a zip can hold, as Word itself writes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# A DOCX of ours is a few MB at most.
MAX_WRITTEN_BYTES = 256 * 1024 * 1024
_MAX_CORE_XML = 256 * 1024


def zipped(parts: Mapping[str, bytes]) -> bytes:
    """The parts as a package, the one way hrdplan writes a zip: fixed entry dates and
    attributes, the content types and the package's relationships first and the rest in order
    of name, so that the same parts give the same bytes."""
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in parts]
    order = first + sorted(n for n in parts if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, parts[name], compresslevel=6)
    return out.getvalue()


def normalized(data: bytes) -> bytes:
    """The package written again with fixed entry dates, attributes and order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zipped({name: source.read(name) for name in source.namelist()})


def has_mark(data: bytes) -> bool:
    """Whether a DOCX file carries hrdplan's mark and nobody has saved it since: its core
    properties last modified by hrdplan at hrdplan's fixed date."""
    if len(data) > MAX_WRITTEN_BYTES or not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("docProps/core.xml")
            if info.file_size > _MAX_CORE_XML:
                return False
            with package.open(info) as handle:
                core = bounded_read(handle, _MAX_CORE_XML)
    except Exception:
        return False
    if core is None:
        return False
        return False
    stamp = "{:04d}-{:02d}-{:02d}T00:00:00Z".format(*FIXED_DATE).encode()
    return (
        re.search(rb"<cp:lastModifiedBy>" + MARK.encode() + rb"</cp:lastModifiedBy>", core)
        is not None
        and re.search(
            rb"<dcterms:modified[^>]*>" + re.escape(stamp) + rb"</dcterms:modified>", core
        )
        is not None
    )
