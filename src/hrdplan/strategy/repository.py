"""A strategy repository: the files `hrdplan init` writes beside `strategies/`."""

from __future__ import annotations

SCHEMA_FILE = "strategy.schema.json"

CONFIG = """\
# hrdplan configuration; see the README (Configuration). Every key is optional.

# Folders or files `hrdplan lint` checks when given no PATH.
paths = ["strategies"]

# Rules to run and to skip: codes or prefixes (`hrdplan rule` lists them).
# select = ["HRD"]
# ignore = ["HRD406"]

# Per-file ignores: glob -> codes.
# [per-file-ignores]
# "strategies/archive/*.yaml" = ["HRD305"]

# Extra catalogue folders, laid out as <id>/<version>.yaml.
# catalogue-dirs = ["catalogues"]
"""

PRE_COMMIT = """\
# Lint strategies before every commit: pre-commit install
repos:
  - repo: local
    hooks:
      - id: hrdplan-lint
        name: hrdplan lint
        entry: hrdplan lint
        language: system
        files: ^strategies/.*\\.ya?ml$
"""

GITHUB_WORKFLOW = """\
name: hrdplan
on: [push, pull_request]
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install hrdplan
      # Findings appear as annotations on the changed lines.
      - run: hrdplan lint --format github
      # Code scanning alerts, kept across runs.
      - run: hrdplan lint --format sarif --output hrdplan.sarif
        if: always()
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: hrdplan.sarif
"""

GITLAB_CI = """\
hrdplan:
  image: python:3.12-slim
  script:
    - pip install hrdplan
    - hrdplan lint --format gitlab --output gl-code-quality.json || status=$?
    - hrdplan lint --format junit --output hrdplan-junit.xml
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality.json
      junit: hrdplan-junit.xml
"""


def repository_files(schema: str) -> dict[str, str]:
    """What `hrdplan init` writes, by path relative to the repository."""
    return {
        "hrdplan.toml": CONFIG,
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/hrdplan.yml": GITHUB_WORKFLOW,
        ".gitlab-ci.yml": GITLAB_CI,
        SCHEMA_FILE: schema,
    }
