"""Rendering strategies into documents and the portfolio report (Jinja2 templates).

`documents` and `report` compute what a page shows as plain data; `environment` runs the
templates over it; `output` writes the results.
"""
