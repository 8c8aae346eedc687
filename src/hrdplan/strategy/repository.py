"""A strategy repository: the files `hrdplan init` writes beside `strategies/`."""

from __future__ import annotations

from pathlib import Path

from hrdplan.io.errors import HrdplanError, quoted
from hrdplan.io.text import yaml_quoted

SCHEMA_FILE = "strategy.schema.json"
PROGRESS_SCHEMA_FILE = "progress.schema.json"

CONFIG = """\
# hrdplan configuration; see the README (Configuration). Every key is optional.

# Folders or files `hrdplan lint` checks when given no PATH: the strategies and their yearly
# progress files (progress/<strategy file stem>/<year>.yaml, `hrdplan progress new`).
paths = ["strategies", "progress"]

# Globs (relative to this file) the folder search skips; with `lint --force-exclude`, as the
# pre-commit hook runs it, files given by name too.
# exclude = ["strategies/archive"]

# Rules to run and to skip: codes or prefixes (`hrdplan rule` lists them).
# select = ["HRD"]
# ignore = ["HRD406"]

# Per-file ignores: glob -> codes.
# [per-file-ignores]
# "strategies/archive/*.yaml" = ["HRD305"]

# Extra catalogue folders, laid out as <id>/<version>.yaml.
# catalogue-dirs = ["catalogues"]

# The Git revision an adopted strategy's changes are checked against (HRD601): HEAD, the last
# commit, for the pre-commit hook; the target branch to check a whole pull request.
# changes-base = "origin/main"
"""

# The hook runs the `hrdplan` on PATH (language: system): the one the user installed to run
# `hrdplan init`, offline and without a second copy. It is handed every changed YAML file and
# keeps only the strategies (--force-exclude), so editing `paths` or `exclude` in hrdplan.toml
# is enough when strategies move.
PRE_COMMIT = """\
# Lint strategies before every commit: pre-commit install
# The hook runs the `hrdplan` on PATH; install the version CI uses first:
#   pip install {install}
# It checks the changed YAML files under hrdplan.toml's `paths` that `exclude` does not
# name (--force-exclude), so CI files and other YAML are left alone.
repos:
  - repo: local
    hooks:
      - id: hrdplan-lint
        name: hrdplan lint
        entry: hrdplan lint --force-exclude
        language: system
        files: \\.ya?ml$
"""

# Written into progress/, so that the folder `paths` names is there in every clone before the
# first progress file is.
PROGRESS_README = """\
# Progress files

One file per strategy and year, `<strategy file stem>/<year>.yaml`, what the delegation reports
on the strategy's results that year (Action Plan 5.2.a). Start one with

    hrdplan progress new strategies/<strategy>.yaml --year <year>

record what an indicator measured with `hrdplan progress record`, and see every year at once
with `hrdplan progress show`. `hrdplan lint` checks them against their strategy.
"""

# What hrdplan writes into a repository that is not to be committed. The catalogue cache is
# the user's (~/.cache/hrdplan, HRDPLAN_CACHE_DIR), never inside the repository.
GITIGNORE = """\
# Written by `hrdplan init`: what hrdplan writes here that is not to be committed.
# Documents: `hrdplan render` without --out writes them into build/ beside hrdplan.toml.
/build/
# The reports the CI workflows write.
/hrdplan.sarif
/gl-code-quality.json
/hrdplan-junit.xml
/hrdplan-diff.md
"""

# Where `hrdplan render` puts documents in a repository, without --out (GITIGNORE names it).
DOCUMENTS_DIR = "build"


def documents_dir(config: Path | None) -> Path:
    """Where `render` writes without --out: build/ beside the command's configuration file
    (a strategy repository's root, which `init`'s .gitignore keeps out of Git), else the
    current folder."""
    if config is None:
        return Path()
    root = config.parent
    return Path(DOCUMENTS_DIR) if root.resolve() == Path.cwd().resolve() else root / DOCUMENTS_DIR


def missing_ignores(existing: str) -> list[str]:
    """The patterns of GITIGNORE an existing .gitignore does not have (as a line of its own,
    with or without its slashes): what `init`, which never changes it, says to add."""
    have = {line.strip().strip("/") for line in existing.splitlines()}
    wanted = [line for line in GITIGNORE.splitlines() if line and not line.startswith("#")]
    return [line for line in wanted if line.strip("/") not in have]


# On a pull request the workflow also shows what changed in the strategies (`hrdplan diff`)
# on the run's summary page and as a comment, with the workflow's own GITHUB_TOKEN: no other
# secret. A pull request from a fork gets a read-only token, so only the summary.
GITHUB_WORKFLOW = """\
name: hrdplan
on: [push, pull_request]
jobs:
  lint:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      actions: read
      security-events: write  # the SARIF upload
      pull-requests: write  # the comment with the strategies' changes
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the pull request's target branch, for hrdplan diff --base
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: {pip_install}
      # Findings appear as annotations on the changed lines.
      - run: hrdplan lint --format github
      # Code scanning alerts, kept across runs.
      - run: hrdplan lint --format sarif --output hrdplan.sarif
        if: always()
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: hrdplan.sarif
      # What changed in the strategies, in their own terms, on the run's summary page.
      - name: hrdplan diff
        if: always() && github.event_name == 'pull_request'
        run: |
          hrdplan diff --base "origin/$GITHUB_BASE_REF" --format markdown > hrdplan-diff.md
          cat hrdplan-diff.md >> "$GITHUB_STEP_SUMMARY"
      # And as a comment on the pull request, updated on each push.
      - name: comment
        if: >-
          always() && github.event_name == 'pull_request'
          && github.event.pull_request.head.repo.full_name == github.repository
        continue-on-error: true
        env:
          GH_TOKEN: ${{{{ github.token }}}}
          PR: ${{{{ github.event.pull_request.number }}}}
        run: |
          gh pr comment "$PR" --edit-last --body-file hrdplan-diff.md \\
            || gh pr comment "$PR" --body-file hrdplan-diff.md
"""

GITLAB_CI = """\
hrdplan:
  image: python:3.12-slim
  script:
    - {pip_install}
    - hrdplan lint --format gitlab --output gl-code-quality.json || status=$?
    # In a merge request: what changed in the strategies, as an artefact the merge request
    # links ("strategy changes"); git comes from the image's packages, the target branch
    # with the job's own token.
    - >-
      if [ -n "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" ]; then
      (command -v git >/dev/null || (apt-get update -qq && apt-get install -y -qq git >/dev/null))
      && git fetch --quiet origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
      && hrdplan diff --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --format markdown
      > hrdplan-diff.md; fi
    - hrdplan lint --format junit --output hrdplan-junit.xml
  variables:
    GIT_DEPTH: 0
  artifacts:
    when: always
    expose_as: strategy changes
    paths:
      - hrdplan-diff.md
    reports:
      codequality: gl-code-quality.json
      junit: hrdplan-junit.xml
"""


def default_install_spec() -> str:
    """What CI installs unless `init --install-spec` says otherwise: this very version."""
    from hrdplan import __version__

    return f"hrdplan=={__version__}"


def install_argument(spec: str) -> str:
    """The spec as one shell word (`hrdplan==0.1.0`, `'hrdplan @ git+https://...'`); exit 2 on
    an empty one or one with control characters, which no requirement holds."""
    import shlex

    if not spec.strip() or not spec.isprintable():
        raise HrdplanError(
            f"--install-spec {quoted(spec)}: give a pip requirement, such as "
            "'hrdplan==0.1.0' or 'hrdplan @ git+https://host/hrdplan.git@v0.1.0'"
        )
    return shlex.quote(spec.strip())


def repository_files(
    schema: str, install_spec: str, progress_schema: str | None = None
) -> dict[str, str]:
    """What `hrdplan init` writes, by path relative to the repository; CI installs hrdplan
    with `install_spec` (a pip requirement). The progress files' schema, when given, goes
    beside the strategies' (progress files point at it: `hrdplan progress new`)."""
    install = install_argument(install_spec)
    pip_install = yaml_quoted(f"pip install {install}")
    return {
        "hrdplan.toml": CONFIG,
        ".gitignore": GITIGNORE,
        ".pre-commit-config.yaml": PRE_COMMIT.format(install=install),
        ".github/workflows/hrdplan.yml": GITHUB_WORKFLOW.format(pip_install=pip_install),
        ".gitlab-ci.yml": GITLAB_CI.format(pip_install=pip_install),
        SCHEMA_FILE: schema,
        "progress/README.md": PROGRESS_README,
        **({PROGRESS_SCHEMA_FILE: progress_schema} if progress_schema is not None else {}),
    }
