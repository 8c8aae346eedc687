"""Configuration: `hrdplan.toml` (top-level keys) or `[tool.hrdplan]` in `pyproject.toml`,
found from the current folder upwards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hrdplan.io.errors import HrdplanError, display_path, quoted

CONFIG_FILE = "hrdplan.toml"


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    select: list[str] = []
    ignore: list[str] = []
    per_file_ignores: dict[str, list[str]] = Field(default={}, alias="per-file-ignores")
    paths: list[str] = []
    # Globs, relative to the config's folder, of files the folder search skips (and, with
    # `lint --force-exclude`, files given by name too): CI files, catalogues, site config.
    exclude: list[str] = []
    catalogue_dirs: list[str] = Field(default=[], alias="catalogue-dirs")
    # The Git revision an adopted strategy's changes are justified against (HRD601).
    changes_base: str = Field(default="HEAD", alias="changes-base")


@dataclass(frozen=True)
class Found:
    config: Config
    path: Path | None  # the file it came from; None for defaults

    @property
    def root(self) -> Path:
        """Relative paths in the config are relative to the folder holding it."""
        return self.path.parent if self.path else Path.cwd()

    def catalogue_dirs(self) -> list[Path]:
        return [self.root / d for d in self.config.catalogue_dirs]

    def paths(self) -> list[Path]:
        return [self.root / p for p in self.config.paths]


def discover(start: Path | None = None) -> Path | None:
    """The nearest hrdplan.toml, or pyproject.toml with a [tool.hrdplan] table, upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.hrdplan" in _read(pyproject):
            return pyproject
    return None


def load(path: Path | None, *, known_codes: Iterable[str] = ()) -> Found:
    """The configuration in path (None: defaults). Exit 2 naming the key when it is invalid."""
    if path is None:
        return Found(Config(), None)
    from hrdplan.io.links import hiding, leaves_folder

    # A configuration reached through a link out of its folder has no value of it quoted.
    with hiding(leaves_folder(path)):
        return _load(path, known_codes)


def _load(path: Path, known_codes: Iterable[str]) -> Found:
    import tomllib

    name = display_path(path)
    try:
        data = tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as exc:
        raise HrdplanError(f"{name}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses into each nested table and array
        raise HrdplanError(f"{name}: invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise HrdplanError(f"{name}: `tool` must be a table ([tool.hrdplan])")
        data = tool.get("hrdplan", {})
        if not isinstance(data, dict):
            raise HrdplanError(f"{name}: `tool.hrdplan` must be a table ([tool.hrdplan])")
    _refuse_nul(name, data)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            key = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                allowed = ", ".join(f.alias or name for name, f in Config.model_fields.items())
                problems.append(f"{name}: unknown key {quoted(key)} (allowed: {allowed})")
            else:
                problems.append(f"{name}: {key}: {err['msg']}")
        raise HrdplanError(*problems) from None
    codes = list(known_codes)
    if codes:
        _check_codes(name, "select", config.select, codes)
        _check_codes(name, "ignore", config.ignore, codes)
        for pattern, values in config.per_file_ignores.items():
            _check_codes(name, f"per-file-ignores.{quoted(pattern)}", values, codes)
    return Found(config, path)


def _refuse_nul(name: str, data: dict[str, object]) -> None:
    """Exit 2 naming the first key whose text holds a NUL (a `\\u0000` escape): no path, glob,
    code or revision has one, and a path with one cannot even be looked up."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), data)]
    while stack:  # not recursive: the table may be nested as deeply as tomllib allows
        where, value = stack.pop()
        if isinstance(value, dict):
            stack += [((*where, k), v) for k, v in reversed(value.items())]
            bad = "\x00" in "".join(value)
        elif isinstance(value, list):
            stack += [((*where, i), v) for i, v in reversed(list(enumerate(value)))]
            bad = False
        else:
            bad = isinstance(value, str) and "\x00" in value
        if bad:
            from hrdplan.io.yamlio import describe

            raise HrdplanError(
                f"{name}: {describe(where)}: a NUL character (\\u0000) is not allowed"
            )


def _check_codes(name: str, key: str, values: list[str], codes: list[str]) -> None:
    bad = [v for v in values if not any(code.startswith(v.upper()) for code in codes) or not v]
    if bad:
        raise HrdplanError(
            f"{name}: {key}: unknown rule code {', '.join(map(quoted, bad))} "
            f"(codes such as HRD201, or prefixes such as HRD2; see `hrdplan rule`)"
        )


def _read(path: Path) -> str:
    """The file's text, within the size limit of every file hrdplan reads: a configuration is
    a few hundred bytes, and a huge one would otherwise be read whole before any error.
    InputError (exit 2) naming the file, and the line of a byte that is not UTF-8."""
    from hrdplan.io.files import read_text

    return read_text(path)
