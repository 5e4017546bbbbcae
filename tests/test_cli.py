"""The command line (model/cli.py): exit codes and what it prints, for every command.

Run in-process through :func:`model.cli.main` (fast, and the output is captured), and once as
a separate process through run.py, as a planner runs it. Exit codes: 0 solved with every
target met (or a valid workbook); 1 not solved; 2 bad input or usage; 3 solved only by
missing targets.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import highspy
import openpyxl
import pandas as pd
import pytest

from model import cli
from model.workbook import write_tables
from tests.builders import boiler_tables

PROJECT = Path(__file__).resolve().parent.parent


def frames(cluster: str = "cli case", target: float = 0.05) -> dict[str, pd.DataFrame]:
    """A gas boiler meeting a heat demand, 2025-2030; an absolute cap of ``target`` Mt/yr
    (0.0002 / 1.1 Mt CO2 per GWh of heat: 0.0164 Mt/yr in 2030)."""
    return boiler_tables(cluster, co2_per_heat=0.0002 / 1.1, target=target)


@pytest.fixture
def good(tmp_path) -> Path:
    return write_tables(frames(), tmp_path / "good.xlsx")


@pytest.fixture
def bad(tmp_path) -> Path:
    path = write_tables(frames(), tmp_path / "bad.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["technologies"]["F2"] = "thirty"  # lifetime
    wb["flows"]["A3"] = "boilr"
    wb.save(path)
    return path


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch):
    monkeypatch.setattr(cli.console, "_width", 250)  # as wide as the paths printed
    monkeypatch.setattr(cli.errors, "_width", 250)


def main(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


# --------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------


def test_validate_a_valid_workbook(capsys, good):
    code, out, err = main(capsys, "validate", str(good))
    assert code == 0
    assert out.strip() == f"{good}: valid (0 warning(s))"
    assert err == ""


def test_validate_lists_every_error_and_exits_2(capsys, bad):
    code, out, err = main(capsys, "validate", str(bad))
    assert code == 2
    assert "valid" not in out
    lines = err.splitlines()
    assert lines[0] == "2 error(s):"
    assert "  - bad.xlsx, sheet 'technologies', cell F2, column 'lifetime': 'lifetime' has " \
        "the wrong type (found 'thirty'); expected a number (years)" in lines
    assert any(line.startswith("  - bad.xlsx, sheet 'flows', cell A3, column 'technology': "
                               "unknown technology referenced in 'technology', did you mean "
                               "'boiler'? (found 'boilr')") for line in lines)


def test_validate_prints_warnings_and_still_exits_0(capsys, tmp_path):
    f = frames()
    f["technologies"]["colour"] = ["blue"]
    path = write_tables(f, tmp_path / "warned.xlsx")
    code, out, err = main(capsys, "validate", str(path))
    assert code == 0
    assert "valid (1 warning(s))" in out
    assert err.startswith("warning: warned.xlsx, sheet 'technologies', cell ")
    assert "unknown column (ignored)" in err


def test_validate_without_a_workbook_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["validate"])
    assert exit_.value.code == 2
    assert "the following arguments are required: workbook" in capsys.readouterr().err


# --------------------------------------------------------------------------------------
# run
# --------------------------------------------------------------------------------------


def test_run_solves_writes_a_run_folder_and_exits_0(capsys, tmp_path, good):
    results = tmp_path / "results"
    code, out, err = main(capsys, "run", str(good), "--results", str(results), "--quiet")
    assert code == 0, out + err
    assert out.startswith("cli case: optimal\n")
    (folder,) = (results / "cli_case").iterdir()
    assert (folder / "results.xlsx").is_file() and (folder / "manifest.json").is_file()
    assert str(folder) in out.replace("\n", "")


def test_run_is_the_default_command(capsys, tmp_path, good, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = main(capsys, str(good), "--quiet")
    assert code == 0 and "cli case: optimal" in out
    assert len(list((tmp_path / "results" / "cli_case").iterdir())) == 1


def test_run_missing_a_target_exits_3(capsys, tmp_path):
    path = write_tables(frames(target=0.0), tmp_path / "tight.xlsx")
    code, out, _ = main(capsys, "run", str(path), "--results", str(tmp_path / "r"), "--quiet")
    assert code == 3
    assert "cli case: optimal (elastic: targets missed)" in out


def test_run_of_a_bad_workbook_exits_2_and_writes_nothing(capsys, tmp_path, bad):
    results = tmp_path / "results"
    code, out, err = main(capsys, "run", str(bad), "--results", str(results), "--quiet")
    assert code == 2
    assert "2 error(s):" in err and "cell F2" in err
    assert not results.exists()


def test_run_that_cannot_write_its_results_exits_1_and_says_why(capsys, tmp_path, good):
    blocked = tmp_path / "results"
    blocked.write_text("a file where the results folder should be")
    code, _, err = main(capsys, "run", str(good), "--results", str(blocked), "--quiet")
    assert code == 1
    assert err.startswith("cannot write the results:")
    assert "internal error" not in err


def test_a_bug_in_the_tool_is_reported_briefly(capsys, good, monkeypatch):
    import model.pipeline

    def broken(*_args, **_kwargs):
        raise RuntimeError("something the tool got wrong")

    monkeypatch.setattr(model.pipeline, "run_case", broken)
    monkeypatch.delenv("CLUSTER_PATHWAYS_DEBUG", raising=False)
    code, _, err = main(capsys, "run", str(good), "--quiet")
    assert code == 1
    assert err.startswith("internal error: RuntimeError: something the tool got wrong")
    assert "this is a bug in the tool" in err and "Traceback" not in err


@pytest.mark.parametrize("name", list(highspy.HighsModelStatus.__members__))
def test_every_solver_status_has_plain_words(name):
    import model.highs

    word = model.highs._STATUS.get(name, name.removeprefix("k").lower())  # as highs.py names it
    assert word in cli.PLAIN_STATUS, f"no plain words for solver status {word!r}"
    assert "_" not in cli.plain_status(word)


def test_plain_status_words():
    assert cli.plain_status("notset").startswith("the solver gave no answer (numerical "
                                                 "trouble")
    assert cli.plain_status("time_limit") == ("stopped at the time limit before the plan was "
                                              "proven optimal")
    assert cli.plain_status("infeasible") == "infeasible: no plan meets every constraint"
    assert cli.plain_status("something_new") == "something new"


# --------------------------------------------------------------------------------------
# template
# --------------------------------------------------------------------------------------


def test_template_writes_a_new_file_and_refuses_to_overwrite(capsys, tmp_path):
    path = tmp_path / "blank.xlsx"
    code, out, _ = main(capsys, "template", str(path))
    assert code == 0 and f"wrote the blank case template {path}" in out
    written = path.read_bytes()
    code, _, err = main(capsys, "template", str(path))
    assert code == 2
    assert f"{path} exists; not overwriting it (use --force)" in err
    assert path.read_bytes() == written
    code, _, _ = main(capsys, "template", str(path), "--force")
    assert code == 0


# --------------------------------------------------------------------------------------
# portfolio
# --------------------------------------------------------------------------------------


def test_portfolio_runs_every_case_and_exits_1_when_one_fails(capsys, tmp_path, bad):
    folder = bad.parent
    write_tables(frames("second"), folder / "second.xlsx")
    results = tmp_path / "results"
    code, out, err = main(capsys, "portfolio", str(folder), "--results", str(results),
                          "--quiet")
    assert code == 1
    assert "invalid input" in out and "optimal" in out
    assert "bad.xlsx" in err and "cell F2" in err
    assert len(list((results / "portfolio").iterdir())) == 1


def test_portfolio_of_a_folder_without_cases_or_of_a_file_exits_2(capsys, tmp_path, good):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = main(capsys, "portfolio", str(empty), "--results", str(tmp_path / "r"),
                        "--quiet")
    assert code == 2 and f"no case workbooks in {empty}" in err
    code, _, err = main(capsys, "portfolio", str(good), "--quiet")
    assert code == 2 and f"{good} is not a folder" in err


# --------------------------------------------------------------------------------------
# as a planner runs it
# --------------------------------------------------------------------------------------


def test_run_py_as_a_separate_process(tmp_path, bad, good):
    env = dict(os.environ, COLUMNS="250", NO_COLOR="1")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "run.py", *args], cwd=PROJECT, env=env,
                              capture_output=True, text=True, timeout=120)

    result = run("validate", str(bad))
    assert result.returncode == 2
    assert "2 error(s):" in result.stderr and "Traceback" not in result.stderr
    result = run("run", str(good), "--results", str(tmp_path / "results"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "cli case: optimal" in result.stdout


def test_the_readme_shows_a_real_validation_message(capsys, tmp_path):
    """README.md's "When something goes wrong" prints what validate says of the Dunkerque
    case with three mistakes; when the case or the messages change, update the README."""
    import shutil

    path = shutil.copy(PROJECT / "inputs" / "dunkerque.xlsx", tmp_path / "my_cluster.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["prices"]["D2"] = "449,68"
    wb["flows"]["A5"] = "bf_bf"
    wb["targets"]["D2"] = 55
    wb.save(path)
    code, _, err = main(capsys, "validate", str(path))
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ python run.py validate my_cluster.xlsx\n", 1)[1].split("```")[0]
    assert code == 2
    assert err == block


def test_printed_figures_never_show_a_minus_zero():
    from model.cli import _decimals

    assert _decimals(-1e-12) == "0.00" and _decimals(-0.004) == "0.00"
    assert _decimals(-0.006) == "-0.01" and _decimals(7.2, 3) == "7.200"
