"""The organisation's Word template (--reference-doc): read within bounds, checked, and cleaned
of everything that would make Word fetch something when the document is opened.

A reference document is a zip of a few hundred KB. Each part's declared size, and their total,
are checked before anything is inflated, and every part is read through one bounded read, so
that a part whose header lies about its size costs no more than the bound either.

The output keeps the reference document's parts (styles, headers, footers, settings). Any of
them may point outside the document: an external relationship (TargetMode="External": an
attached template at http://, a header's picture or a hyperlink at file:///), a field that
fetches (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE...), a mail merge's data source. hrdplan
fetches nothing, but Word would when the document is opened; all of them are dropped, once
per command, and the command says so in one warning.
"""

from __future__ import annotations

import io
import stat
import struct
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdplan.io.errors import InputError, Problem, display_path
from hrdplan.io.files import bounded_read, note_read
from hrdplan.render.word.package import zipped

if TYPE_CHECKING:
    from pathlib import Path

# A reference document is a template of a few hundred KB, its logo a few MB at most.
MAX_REFERENCE_BYTES = 32 * 1024 * 1024
MAX_PART_BYTES = 32 * 1024 * 1024  # one part, inflated
MAX_INFLATED_BYTES = 64 * 1024 * 1024  # all parts together, inflated
MAX_PARTS = 4096

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
NOT_WORD = "not a Word document (.docx)"

# Fields whose result Word fetches from a file, an address or another program. A field whose
# name is itself made by a field inside it (`{ {QUOTE "INCLUDE"}PICTURE ... }`) is dropped too.
FETCHING_FIELDS = frozenset(
    {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT", "LINK", "DDE", "DDEAUTO", "DATABASE"}
)
# Elements that exist only to name an external relationship: dropped with it (of any other,
# only the attribute naming the relationship goes, and the element keeps its content).
_ONLY_A_LINK = frozenset({"attachedTemplate", "subDoc", "altChunk", "dataSource", "src"})


@dataclass(frozen=True)
class Reference:
    """A reference document ready to write from: a Word document's package (a template's
    main part retyped), without anything that would fetch."""

    data: bytes
    name: str  # as the user named the file
    dropped: int  # external relationships and fetching fields taken out

    @property
    def warning(self) -> str | None:
        """The one line saying what was dropped, or None."""
        if not self.dropped:
            return None
        from hrdplan.io.errors import printable

        links, them = ("link", "it") if self.dropped == 1 else ("links", "them")
        return printable(
            f"{self.name}: warning: {self.dropped} external {links} of the reference document "
            f"dropped (Word would fetch {them})"
        )


def read(path: Path) -> Reference:
    """The --reference-doc, read and checked once per command: InputError naming the file
    when it is not a Word document or is beyond the bounds. A Word template (.dotx) is taken
    as a document."""
    name = display_path(path)

    def refuse(message: str) -> InputError:
        return InputError(Problem(name, message))

    try:
        info = path.stat()
    except FileNotFoundError:
        raise refuse("no such file") from None
    except OSError as exc:
        raise refuse(f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise refuse("is a directory, not a Word document (.docx)")
    if not stat.S_ISREG(info.st_mode):
        raise refuse("is not a regular file")
    if info.st_size > MAX_REFERENCE_BYTES:
        raise refuse(
            f"file is {info.st_size:,} bytes, over the limit of {MAX_REFERENCE_BYTES:,} "
            "for a reference document"
        )
    note_read(path)
    try:
        with path.open("rb") as handle:
            data = bounded_read(handle, MAX_REFERENCE_BYTES)
    except OSError as exc:
        raise refuse(f"cannot read: {exc.strerror or exc}") from None
    if data is None:
        raise refuse(f"file is over the limit of {MAX_REFERENCE_BYTES:,} bytes")
    if not data.startswith(b"PK"):
        raise refuse(NOT_WORD)
    try:
        parts = _parts(data)
        cleaned, dropped = _cleaned(parts)
    except _Refused as refused:
        raise refuse(str(refused)) from None
    except (zipfile.BadZipFile, KeyError, EOFError, ValueError, OSError, RuntimeError):
        # A broken or encrypted zip, a part that is not XML: not something Word opens.
        raise refuse(NOT_WORD) from None
    document = zipped(cleaned)
    _check_usable(document, refuse)
    return Reference(document, name, dropped)


class _Refused(Exception):
    """The reason a reference document is refused (becomes the InputError's message)."""


def _parts(data: bytes) -> dict[str, bytes]:
    """Every part of the package, inflated within the bounds: the declared sizes checked
    before any is inflated, each read no further than what is left of the bound."""
    _check_directory(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        items = package.infolist()
        if len(items) > MAX_PARTS:
            raise _Refused(f"{NOT_WORD}: {len(items):,} parts, over the limit of {MAX_PARTS:,}")
        declared = 0
        for item in items:
            if item.file_size > MAX_PART_BYTES:
                raise _Refused(_too_large(item.filename))
            declared += item.file_size
        if declared > MAX_INFLATED_BYTES:
            raise _Refused(
                f"its parts inflate to {declared:,} bytes, over the limit of "
                f"{MAX_INFLATED_BYTES:,} for a reference document"
            )
        parts: dict[str, bytes] = {}
        left = MAX_INFLATED_BYTES
        for item in items:
            if item.is_dir():
                continue
            with package.open(item) as handle:
                content = bounded_read(handle, min(MAX_PART_BYTES, left, item.file_size))
            if content is None:
                raise _Refused(_too_large(item.filename))
            left -= len(content)
            parts[item.filename] = content
    names = set(parts)
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _Refused(NOT_WORD)
    types = parts["[Content_Types].xml"]
    if DOCUMENT_TYPE not in types:
        if TEMPLATE_TYPE not in types:
            raise _Refused(NOT_WORD)  # a macro-enabled document or something else
        # A template's main part retyped as a document's, which is all that tells them apart.
        parts["[Content_Types].xml"] = types.replace(TEMPLATE_TYPE, DOCUMENT_TYPE)
    return parts


def _too_large(part: str) -> str:
    from hrdplan.io.errors import printable

    return (
        f"its part {printable(part[:100])} inflates to more than {MAX_PART_BYTES:,} bytes, "
        "over the limit for a reference document"
    )


def _check_directory(data: bytes) -> None:
    """The zip's own directory, before zipfile reads it into an object per entry: a zip of a
    few MB can name a million entries."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return  # zipfile says what is wrong
    entries, size = struct.unpack_from("<HI", data, end + 10)
    if entries == 0xFFFF or size == 0xFFFFFFFF:
        raise _Refused(f"{NOT_WORD}: a zip64 archive, far larger than a reference document")
    if entries > MAX_PARTS or size > MAX_PARTS * 1024:
        raise _Refused(f"{NOT_WORD}: {entries:,} parts, over the limit of {MAX_PARTS:,}")


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _xml(part: str, content: bytes) -> Any:
    from lxml import etree

    try:
        return etree.fromstring(content, _parser())
    except etree.XMLSyntaxError:
        from hrdplan.io.errors import printable

        raise _Refused(f"{NOT_WORD}: its part {printable(part[:100])} is not XML") from None


def _cleaned(parts: dict[str, bytes]) -> tuple[dict[str, bytes], int]:
    """The parts without external relationships, fetching fields or a mail merge's data
    source, and how many were dropped. The main part checked to be WordprocessingML."""
    from lxml import etree

    document = _xml("word/document.xml", parts["word/document.xml"])
    if document.tag != f"{{{_W}}}document" or document.find(f"{{{_W}}}body") is None:
        raise _Refused(f"{NOT_WORD}: word/document.xml is not a WordprocessingML document")
    dropped = 0
    # The relationships each part has lost, by the part's name.
    lost: dict[str, set[str]] = {}
    out = dict(parts)
    for name, content in parts.items():
        if not name.endswith(".rels") or b"External" not in content:
            continue
        rels = _xml(name, content)
        ids = set()
        for rel in list(rels.iter(f"{{{_RELS}}}Relationship")):
            if (rel.get("TargetMode") or "").strip().lower() == "external":
                ids.add(rel.get("Id") or "")
                rels.remove(rel)
        if ids:
            dropped += len(ids)
            lost[_source(name)] = ids
            out[name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    for name, content in parts.items():
        if name.endswith(".rels") or not name.endswith(".xml"):
            continue
        ids = lost.get(name, set())
        fields = b"instr" in content or b"mailMerge" in content
        if not ids and not fields:
            continue
        root = document if name == "word/document.xml" else _xml(name, content)
        _unlink(root, ids)
        count = _drop_fields(root)
        if count or ids:
            dropped += count
            out[name] = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
    return out, dropped


def _source(rels: str) -> str:
    """The part a relationships part belongs to: `word/_rels/document.xml.rels` ->
    `word/document.xml` (the package's own, `_rels/.rels`, -> "")."""
    folder, _, file = rels.rpartition("_rels/")
    return folder + file.removesuffix(".rels")


def _unlink(root: Any, ids: set[str]) -> None:
    """No reference left to a dropped relationship: an element that only names one goes, of
    any other the attribute (Word refuses a document that names a relationship it lacks)."""
    if not ids:
        return
    prefix = f"{{{_R}}}"
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        names = [a for a, v in element.attrib.items() if a.startswith(prefix) and v in ids]
        if not names:
            continue
        parent = element.getparent()
        if element.tag.rsplit("}", 1)[-1] in _ONLY_A_LINK and parent is not None:
            parent.remove(element)
            continue
        for attribute in names:
            del element.attrib[attribute]


def _field_name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper().strip('"') if words else ""


def _drop_fields(root: Any) -> int:
    """The fields that fetch, taken out: a simple field's instruction (its result stays, as
    text), a complex field's characters and instruction (its result stays), a mail merge's
    settings. Returns how many."""
    w = f"{{{_W}}}"
    dropped = 0
    for simple in list(root.iter(f"{w}fldSimple")):
        if _field_name(simple.get(f"{w}instr") or "") in FETCHING_FIELDS:
            _unwrap(simple)
            dropped += 1
    for merge in list(root.iter(f"{w}mailMerge")):
        parent = merge.getparent()
        if parent is not None:
            parent.remove(merge)
            dropped += 1
    # Complex fields: begin, instruction text, separate, result, end; they nest.
    open_fields: list[dict[str, Any]] = []
    doomed: list[Any] = []
    tags = (f"{w}fldChar", f"{w}instrText", f"{w}delInstrText")
    for element in root.iter(*tags):
        if element.tag == f"{w}fldChar":
            kind = element.get(f"{w}fldCharType")
            if kind == "begin":
                if open_fields and not open_fields[-1]["separated"]:
                    open_fields[-1]["nested"] = (
                        open_fields[-1]["nested"] or not "".join(open_fields[-1]["text"]).strip()
                    )
                open_fields.append(
                    {"parts": [element], "text": [], "separated": False, "nested": False}
                )
            elif kind == "separate" and open_fields:
                open_fields[-1]["parts"].append(element)
                open_fields[-1]["separated"] = True
            elif kind == "end" and open_fields:
                field = open_fields.pop()
                field["parts"].append(element)
                name = _field_name("".join(field["text"]))
                if name in FETCHING_FIELDS or field["nested"]:
                    doomed.extend(field["parts"])
                    dropped += 1
        elif open_fields and not open_fields[-1]["separated"]:
            open_fields[-1]["parts"].append(element)
            open_fields[-1]["text"].append(element.text or "")
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return dropped


def _unwrap(element: Any) -> None:
    """The element replaced by its children (a simple field by its result)."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for child in list(element):
        if child.tag == f"{{{_W}}}fldData":
            continue
        parent.insert(index, child)
        index += 1
    parent.remove(element)


def _check_usable(document: bytes, refuse: Any) -> None:
    """What python-docx cannot open, or hrdplan cannot write a document from, refused in one
    line: tried once on a paragraph, before any strategy is rendered."""
    from hrdplan.render import word

    try:
        word.from_html("<html><body><p>x</p></body></html>", reference=document)
    except Exception:  # whatever the package's parts hold that Word's model cannot take
        raise refuse(f"{NOT_WORD}: Word cannot be read from it") from None
