"""The checked inputs: a file or a text in, a sound model with its catalogue and findings out,
or one refusal worded the same way for every command (and the language server, in process)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES

from hrdplan import inputs
from hrdplan.catalogue.registry import Registry
from hrdplan.io.errors import InputError
from hrdplan.settings import Settings
from hrdplan.strategy.model import StrategyV2

SETTINGS = Settings(registry=Registry())
GHANA = EXAMPLES / "gh-2021-2025.yaml"
GHANA_2022 = EXAMPLES / "progress" / "gh-2021-2025" / "2022.yaml"


def test_a_text_is_checked_as_its_file_is() -> None:
    text = GHANA.read_text(encoding="utf-8")
    from_text = inputs.read_text(text, "gh.yaml", SETTINGS, path=GHANA)
    from_file = inputs.read(GHANA, "gh.yaml", SETTINGS)
    assert isinstance(from_text, inputs.StrategyInput)
    assert isinstance(from_file, inputs.StrategyInput)
    assert from_text.catalogue.ref == from_file.catalogue.ref
    assert isinstance(from_text.strategy, StrategyV2)


def test_a_progress_text_is_placed_by_its_path() -> None:
    text = GHANA_2022.read_text(encoding="utf-8")
    found = inputs.read_text(text, "2022.yaml", SETTINGS, path=GHANA_2022)
    assert isinstance(found, inputs.ProgressInput)
    assert found.progress.year == 2022
    assert found.strategy_path.samefile(GHANA)


def test_every_error_of_the_file_group_is_one_line_in_the_rules_words() -> None:
    text = GHANA.read_text(encoding="utf-8")
    broken = text.replace("hrdplan: 2", "hrdplan: 7", 1).replace(
        "classification: restricted", "classification: secret", 1
    )
    with pytest.raises(InputError) as err:
        inputs.strategy_text(broken, "s.yaml", SETTINGS)
    lines = err.value.lines()
    assert len(lines) >= 2, lines
    assert all(line.startswith("s.yaml:") and ": error: " in line for line in lines), lines


def test_the_wrong_kind_is_said_first_and_the_same_way() -> None:
    with pytest.raises(InputError) as not_strategy:
        inputs.strategy(GHANA_2022, "2022.yaml", SETTINGS)
    assert not_strategy.value.lines() == ["2022.yaml: error: a progress file, not a strategy"]
    with pytest.raises(inputs.UnsoundProgress) as not_progress:
        inputs.progress(GHANA, "gh.yaml", SETTINGS)
    assert not_progress.value.lines() == ["gh.yaml: error: a strategy, not a progress file"]


def test_a_format_1_strategy_is_refused_for_progress_naming_the_upgrade(tmp_path: Path) -> None:
    tunisia = tmp_path / "tn.yaml"
    tunisia.write_bytes((EXAMPLES / "tn-2021-2025.yaml").read_bytes())
    with pytest.raises(InputError) as err:
        inputs.measured(tunisia, SETTINGS)
    (line,) = err.value.lines()
    assert line.endswith("`hrdplan migrate --format 2 " + line.split(":")[0] + "`")
