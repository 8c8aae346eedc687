"""Word documents (DOCX) from the rendered HTML, with python-docx.

The HTML templates are the one layout of every document; this module maps their elements to
Word's own structures, as pandoc does from HTML: the title block to the Title style and a
table of facts, the marking to every page's header and footer (with page numbers), the
contents list to a TOC field, h2-h4 to Heading 1-3, lists, quotes, tables with repeating
header rows, and the charts to native tables.

python-docx has no API for fields (page numbers, TOC), bookmarks, internal hyperlinks,
repeating header rows or restarting a numbered list; they are written as the OOXML that Word
itself writes, as python-docx's users do (python-openxml/python-docx#31, #36, #74, #322,
#498, #25). Its package writer stamps the current time into the zip (#1042, #811): the
package is written again with fixed entry dates and order, so the same input gives the same
bytes.

The package in three layers: `package` (the zip: fixed entries, hrdplan's mark), `ooxml` (the
inline model and OOXML helpers), and the writer (`document`: the document as a whole, styles,
paragraphs and runs; `writer`: blocks and tables).
"""

from __future__ import annotations

from hrdplan.render.word.ooxml import clean as clean
from hrdplan.render.word.package import ZIP_DATE as ZIP_DATE
from hrdplan.render.word.package import has_mark as has_mark
from hrdplan.render.word.writer import from_html as from_html
