"""Rendering strategies into documents and the portfolio report (Jinja2 templates).

`pipeline` loads and lints a strategy once; `documents` and `report` compute what a page shows
as plain data; `environment` runs the (sandboxed) templates over it; `batch` renders many files;
`output` writes them.
"""
