"""Rendering strategies into documents and the portfolio report (Jinja2 templates).

`run` takes the checked inputs (`hrdplan.inputs`) to documents and the portfolio; `batch`
renders many files. Then three stages (no view model imports a writer; the writers `word`
and `pdf` import neither stage before), over `text` and `io.locale` (the dates and numbers
in the reader's language) that all three write:

- view models, what a page shows as plain data: `parts` (what the strategy and progress views
  share), `documents` (a strategy), `progress` (a year's progress), `public`, `redline`,
  `portfolio`, with `gender`, `open_points`, `markings` and `names`;
- templating: `environment` runs the (sandboxed) templates over them, with `loader` and
  `sandbox`;
- writers: `formats` (the document's format from the template's text), `word` (a package: the
  zip, OOXML helpers, the writer), `pdf`, `reference` (the --reference-doc), and `output`
  (writing safely, replacing only what hrdplan wrote: `is_ours`).
"""
