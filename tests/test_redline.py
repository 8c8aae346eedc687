"""`hrdplan render NEW --compare-to OLD_OR_REV`: the strategy's document with its changes
since an earlier version marked (HTML <del>/<ins>, Word's tracked changes, PDF), a summary of
the changes at the top, and the refusals."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import gitrepo
import lxml.html
import pytest
from conftest import EXAMPLES, ROOT, Run
from lxml import etree
from office import libreoffice_pdf

SHOTS = ROOT / "build" / "browser"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLE = EXAMPLES / "gh-2021-2025.yaml"
HOSTILE = (
    "Bold </del><ins>sneaked</ins> <script>alert(1)</script> **stars** \u202eevil \x1b[31mred\x07"
)


def revised(
    text: str, *, title: str = "Women and young people in political and public life"
) -> str:
    """A revision of the Ghana example: an action reworded and one removed, a target raised, a
    gender marker raised, a title reworded, a priority removed, an entry in the change log."""

    def swap(old: str, new: str, after: str = "") -> None:
        nonlocal text
        start = text.index(after) if after else 0
        at = text.index(old, start)
        text = text[:at] + new + text[at + len(old) :]

    swap(
        "free medical reports for survivors and more specialised police and\n"
        "          court capacity.",
        "free medical reports for survivors and specialised police units and\n"
        "          court capacity in every region.",
    )
    swap(
        "      - text: |\n          Run the 16 Days of Activism campaign each year jointly with "
        "member state embassies,\n          in English, Twi, Ewe and Dagbani, featuring Ghanaian "
        "women and men who champion change.\n        instruments: [public-diplomacy]\n",
        "",
    )
    swap("target: {value: 6000, year: 2025}", "target: {value: 7500, year: 2025}")
    swap("marker: 1", "marker: 2", after="  - id: P3")
    swap(
        "title: Women and young people in public and political life",
        f"title: {json.dumps(title)}",
    )
    # P6, the last priority, removed: up to the next top-level key, if any.
    start = text.index("  - id: P6")
    after = re.search(r"(?m)^\S", text[start:])
    text = text[:start] + (text[start + after.start() :] if after else "")
    return text.rstrip("\n") + (
        "\nchanges:\n  - date: 2023-03-15\n    what: P1's target raised; P3's gender marker "
        "raised to 2; P6 dropped\n    why: The mid-term review of 2023\n"
    )


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("redline")
    original = EXAMPLE.read_text(encoding="utf-8")
    (folder / "old.yaml").write_text(original, encoding="utf-8")
    (folder / "gh.yaml").write_text(revised(original), encoding="utf-8")
    return folder


def render(run: Run, folder: Path, *args: str) -> Path:
    done = run("render", "gh.yaml", "--compare-to", "old.yaml", "-o", "out", *args, cwd=folder)
    assert done.code == 0, done
    [path] = [Path(line) for line in done.stdout.split()]
    return folder / path


def html_of(run: Run, folder: Path) -> lxml.html.HtmlElement:
    path = render(run, folder)
    assert path.name == "gh-redline.html"
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def texts(root: lxml.html.HtmlElement, tag: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in root.iter(tag)]


# -- the document --------------------------------------------------------------------------------


def test_the_redline_is_named_apart_from_the_document(run: Run, pair: Path) -> None:
    path = render(run, pair)
    assert path.name == "gh-redline.html"
    assert not (pair / "out" / "gh.html").exists()


def test_deleted_words_struck_and_inserted_words_marked_in_their_place(
    run: Run, pair: Path
) -> None:
    root = html_of(run, pair)
    deleted, inserted = texts(root, "del"), texts(root, "ins")
    # The reworded action: word by word, inside its list item.
    assert "more" in deleted and "units" in inserted
    item = next(li for li in root.iter("li") if "specialised police" in li.text_content())
    assert next(d.text for d in item.iter("del")).strip() == "more"
    # The removed action, struck where the actions are.
    assert any("16 Days of Activism" in d for d in deleted)
    # A value changed: old → new, the old struck.
    cell = next(td for td in root.iter("td") if "7500 (2025)" in td.text_content())
    assert " ".join(cell.text_content().split()) == "6000 (2025) → 7500 (2025)"
    assert next(d.text_content() for d in cell.iter("del")) == "6000 (2025)"
    # The gender marker, the removed priority, the log entry added.
    assert "1" in deleted and "2" in inserted
    assert any("A stronger Commission on Human Rights" in d for d in deleted)
    assert any("The mid-term review of 2023" in i for i in inserted)


def test_the_summary_counts_and_links_to_every_change(run: Run, pair: Path) -> None:
    root = html_of(run, pair)
    [summary] = root.find_class("redline-summary")
    said = " ".join(summary.text_content().split())
    assert "Compared with the earlier version old.yaml." in said
    assert re.search(r"\b7 changes, 3 of them to the strategy's commitments", said), said
    assert "Legend: deleted · inserted" in said
    ids = set(root.xpath("//@id"))
    links = [a.get("href") for a in summary.iter("a")]
    assert len(links) == 7
    assert all(link.startswith("#") and link[1:] in ids for link in links), links
    # Before the contents list, so that it is the first thing a reviewer reads.
    nav = root.find(".//nav")
    assert list(root.iter()).index(summary) < list(root.iter()).index(nav)


def test_a_strategy_against_itself_has_no_changes(run: Run, pair: Path) -> None:
    done = run("render", "old.yaml", "--compare-to", "old.yaml", "-o", "same", cwd=pair)
    assert done.code == 0, done
    root = lxml.html.fromstring((pair / "same" / "old-redline.html").read_text(encoding="utf-8"))
    assert "No changes: this version is the same as the earlier one." in root.text_content()
    assert texts(root, "del") == texts(root, "ins") == []


def test_dutch_labels(run: Run, pair: Path) -> None:
    done = run(
        "render", "gh.yaml", "--compare-to", "old.yaml", "-o", "nl", "--lang", "nl", cwd=pair
    )
    assert done.code == 0, done
    text = (pair / "nl" / "gh-redline.html").read_text(encoding="utf-8")
    assert "Vergeleken met de eerdere versie old.yaml." in text
    assert "Legenda" in text and "Wijzigingsgeschiedenis" in text


# -- Git revisions -------------------------------------------------------------------------------


def test_a_git_revision_of_the_file_itself(run: Run, tmp_path: Path) -> None:
    repo = gitrepo.init(tmp_path / "repo")
    (repo / "strategies").mkdir()
    strategy = repo / "strategies" / "gh.yaml"
    original = EXAMPLE.read_text(encoding="utf-8")
    strategy.write_text(original, encoding="utf-8")
    gitrepo.commit(repo, "adopted")
    gitrepo.git(repo, "tag", "v1.0")
    strategy.write_text(revised(original), encoding="utf-8")
    gitrepo.commit(repo, "mid-term review")
    done = run("render", "strategies/gh.yaml", "--compare-to", "v1.0", "-o", "out", cwd=repo)
    assert done.code == 0, done
    text = (repo / "out" / "gh-redline.html").read_text(encoding="utf-8")
    assert "Compared with the earlier version gh.yaml@v1.0." in text
    assert "<del>6000 (2025)</del>" in text and "<ins>7500 (2025)</ins>" in text
    # HEAD is the file as it is: nothing changed.
    same = run("render", "strategies/gh.yaml", "--compare-to", "HEAD", "-o", "same", cwd=repo)
    assert same.code == 0, same
    assert "No changes" in (repo / "same" / "gh-redline.html").read_text(encoding="utf-8")


def test_an_unknown_revision_is_one_line(run: Run, tmp_path: Path) -> None:
    repo = gitrepo.init(tmp_path / "repo")
    shutil.copyfile(EXAMPLE, repo / "gh.yaml")
    gitrepo.commit(repo)
    done = run("render", "gh.yaml", "--compare-to", "v9.9", cwd=repo)
    assert done.code == 2
    assert done.stderr.strip().count("\n") == 0
    assert "unknown revision 'v9.9'" in done.stderr
    assert not list(repo.glob("*.html"))


def test_outside_a_repository_a_missing_file_is_one_line(run: Run, tmp_path: Path) -> None:
    shutil.copyfile(EXAMPLE, tmp_path / "gh.yaml")
    done = run("render", "gh.yaml", "--compare-to", "nothere.yaml")
    assert done.code == 2
    assert done.stderr.strip().count("\n") == 0
    assert "not inside a Git repository" in done.stderr


# -- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--public"], "a redline, an internal document: not with --public"),
        (["--format", "md"], "a redline is made as html, docx or pdf"),
        (["old.yaml"], "the redline of one strategy: give one PATH"),
    ],
)
def test_refused(run: Run, pair: Path, args: list[str], said: str) -> None:
    extra = args[:1] if args == ["old.yaml"] else []
    flags = [] if extra else args
    done = run("render", "gh.yaml", *extra, "--compare-to", "old.yaml", "-o", "r", *flags, cwd=pair)
    assert done.code == 2
    assert said in done.stderr
    assert done.stderr.strip().count("\n") == 0
    assert not (pair / "r").exists() or not list((pair / "r").iterdir())


def test_a_progress_file_is_refused(run: Run, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "ex")
    progress = tmp_path / "ex" / "progress" / "gh-2021-2025" / "2021.yaml"
    done = run("render", progress, "--compare-to", tmp_path / "ex" / "gh-2021-2025.yaml")
    assert done.code == 2
    assert "progress file" in done.stderr


# -- hostile text --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    original = EXAMPLE.read_text(encoding="utf-8")
    (folder / "old.yaml").write_text(original, encoding="utf-8")
    (folder / "gh.yaml").write_text(revised(original, title=HOSTILE), encoding="utf-8")
    return folder


def test_hostile_text_in_html_is_text(run: Run, hostile: Path) -> None:
    root = html_of(run, hostile)
    assert not list(root.iter("script"))
    inserted = " ".join(texts(root, "ins"))
    assert "</del><ins>sneaked</ins>" in inserted and "<script>alert(1)</script>" in inserted
    assert "\\u202eevil" in inserted  # the bidi override shown, not obeyed
    assert "\\x1b[31mred\\x07" in inserted  # and the terminal's escape, the bell
    written = (hostile / "out" / "gh-redline.html").read_text(encoding="utf-8")
    assert "\u202e" not in written and "\x1b" not in written and "\x07" not in written


def test_hostile_text_in_docx_is_text(run: Run, hostile: Path) -> None:
    path = render(run, hostile, "--format", "docx")
    inserted, _ = tracked(path)
    joined = "".join(inserted)
    assert "</del><ins>sneaked</ins>" in joined and "<script>alert(1)</script>" in joined
    assert "\u202e" not in joined and "\\u202eevil" in joined
    assert "\x1b" not in joined and "\\x1b[31mred\\x07" in joined


@pytest.mark.pdf
@pytest.mark.usefixtures("weasyprint")
def test_hostile_text_in_pdf_is_text(run: Run, hostile: Path) -> None:
    path = render(run, hostile, "--format", "pdf")
    text = " ".join(pdftotext(path).split())
    assert "</del><ins>sneaked</ins>" in text and "<script>alert(1)</script>" in text


# -- Word ----------------------------------------------------------------------------------------


def tracked(path: Path) -> tuple[list[str], list[str]]:
    """The text of the DOCX's tracked insertions and deletions, checking each one's author
    and date."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    inserted, deleted = [], []
    for mark in body.iter(f"{W}ins", f"{W}del"):
        assert mark.get(f"{W}author") == "hrdplan"
        assert mark.get(f"{W}date") == "2000-01-01T00:00:00Z"
        if mark.tag == f"{W}ins":
            inserted.append("".join(t.text or "" for t in mark.iter(f"{W}t")))
            assert not list(mark.iter(f"{W}delText"))
        else:
            deleted.append("".join(t.text or "" for t in mark.iter(f"{W}delText")))
            assert not list(mark.iter(f"{W}t"))
    return inserted, deleted


def test_docx_carries_word_tracked_changes(run: Run, pair: Path) -> None:
    path = render(run, pair, "--format", "docx")
    assert path.name == "gh-redline.docx"
    inserted, deleted = tracked(path)
    assert "units " in inserted and "more " in deleted
    assert "7500 (2025)" in inserted and "6000 (2025)" in deleted
    assert any("16 Days of Activism" in d for d in deleted)
    assert any("The mid-term review of 2023" in i for i in inserted)
    # Revision ids are unique.
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    ids = [m.get(f"{W}id") for m in body.iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids))


def test_docx_legend_is_formatting_not_a_tracked_change(run: Run, pair: Path) -> None:
    import docx

    path = render(run, pair, "--format", "docx")
    inserted, deleted = tracked(path)
    assert "deleted" not in deleted and "inserted" not in inserted
    document = docx.Document(str(path))
    runs = [r for p in document.paragraphs for r in p.runs]
    legend = [r for r in runs if r.text in ("deleted", "inserted")]
    assert {r.text for r in legend} == {"deleted", "inserted"}
    assert all(r.font.strike or r.font.underline for r in legend)


def test_docx_bytes_are_deterministic(run: Run, pair: Path) -> None:
    first = render(run, pair, "--format", "docx").read_bytes()
    second = run(
        "render", "gh.yaml", "--compare-to", "old.yaml", "-o", "again", "--format", "docx", cwd=pair
    )
    assert second.code == 0, second
    assert (pair / "again" / "gh-redline.docx").read_bytes() == first


@pytest.mark.office
def test_libreoffice_opens_the_redline_docx_and_shows_the_changes(
    run: Run, pair: Path, tmp_path: Path
) -> None:
    [pdf] = libreoffice_pdf([render(run, pair, "--format", "docx")], tmp_path / "lo")
    text = " ".join(pdftotext(pdf).split())
    # Tracked changes are shown by default: the deleted words and the inserted ones both.
    assert "16 Days of Activism" in text
    assert "6000 (2025)" in text and "7500 (2025)" in text
    screenshot(pdf, "redline-docx", "16 Days of Activism")


# -- PDF -----------------------------------------------------------------------------------------


@pytest.fixture
def weasyprint() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        pytest.skip("WeasyPrint or Pango not installed (pip install '.[pdf]')")


def pdftotext(path: Path, *pages: int) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed (Debian's poppler-utils)")
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", *span, str(path), "-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


def screenshot(pdf: Path, name: str, words: str) -> None:
    """build/browser/NAME.png: the first page that has `words` (a page with changes)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pages = pdftotext(pdf).split("\f")
    number = next(i for i, page in enumerate(pages, start=1) if words in " ".join(page.split()))
    SHOTS.mkdir(parents=True, exist_ok=True)
    prefix = pdf.parent / name
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(number), "-l", str(number),
         str(pdf), str(prefix)],
        check=True, timeout=120,
    )  # fmt: skip
    shutil.copyfile(prefix.with_suffix(".png"), SHOTS / f"{name}.png")


@pytest.mark.pdf
@pytest.mark.usefixtures("weasyprint")
def test_pdf_shows_inserted_and_deleted_words(run: Run, pair: Path) -> None:
    path = render(run, pair, "--format", "pdf")
    assert path.name == "gh-redline.pdf"
    text = " ".join(pdftotext(path).split())
    assert "more specialised police units" in text  # both, in their place
    assert "6000 (2025) → 7500 (2025)" in text
    assert "16 Days of Activism" in text
    assert "7 changes, 3 of them to the strategy's commitments" in text
    screenshot(path, "redline-pdf", "16 Days of Activism")


@pytest.mark.pdf
@pytest.mark.usefixtures("weasyprint")
def test_pdf_bytes_are_deterministic(run: Run, pair: Path) -> None:
    first = render(run, pair, "--format", "pdf").read_bytes()
    second = run(
        "render", "gh.yaml", "--compare-to", "old.yaml", "-o", "again", "--format", "pdf", cwd=pair
    )
    assert second.code == 0, second
    assert (pair / "again" / "gh-redline.pdf").read_bytes() == first


def test_format_1_every_change_has_a_place_the_summary_links_to(run: Run, tmp_path: Path) -> None:
    """The format 1 example: a status, the context, a consultation removed and one reworded, a
    baseline, an indicator removed and one added; every link of the summary lands in the
    document, and the values are marked where the table shows them."""
    original = (EXAMPLES / "tn-2021-2025.yaml").read_text(encoding="utf-8")
    text = original.replace("status: consultation", "status: draft", 1)
    text = text.replace(
        "has been the country in the Southern", "was the country in the Southern", 1
    )
    text = text.replace("baseline: 14 (2021)", "baseline: 16 (2021)", 1)
    start = text.index("  - date: 2021-04-22")
    text = text[:start] + text[text.index("  - date: 2021-10-27") :]
    text = text.replace("digital rights activists", "digital rights activists, bloggers", 1)
    judges = text.index("      - text: Judges and court staff trained")
    end = text.index("\n\n", judges)
    added = (
        "      - text: Pre-trial detainees given legal aid\n        baseline: 0 (2021)\n"
        "        target: 400 (2025)\n        source: legal aid partners\n"
        "        disaggregation: [sex]\n"
    )
    text = text[:judges] + added.rstrip("\n") + text[end:]
    (tmp_path / "old.yaml").write_text(original, encoding="utf-8")
    (tmp_path / "tn.yaml").write_text(text, encoding="utf-8")
    done = run("render", "tn.yaml", "--compare-to", "old.yaml", "-o", "out")
    assert done.code == 0, done
    root = lxml.html.fromstring((tmp_path / "out" / "tn-redline.html").read_text(encoding="utf-8"))
    [summary] = root.find_class("redline-summary")
    ids = set(root.xpath("//@id"))
    links = [a.get("href")[1:] for a in summary.iter("a")]
    assert len(links) >= 7
    assert all(link in ids for link in links), [x for x in links if x not in ids]
    deleted, inserted = texts(root, "del"), texts(root, "ins")
    assert "14 (2021)" in deleted and "16 (2021)" in inserted
    assert "in consultation" in deleted and "draft" in inserted  # the status, in its words
    assert "has been" in deleted and "was" in inserted  # the context, word by word
    assert "bloggers" in " ".join(inserted)
    assert any(d.startswith("Judges and court staff trained") for d in deleted)
    assert any(i.startswith("Pre-trial detainees given legal aid") for i in inserted)
