"""Command line: ``python run.py [run] [FILE]``, ``validate FILE``, ``template FILE``.

Exit codes: 0 solved and every target met; 1 not solved (infeasible, time limit, ...);
2 bad input or usage (every problem of a workbook, however hostile the file); 3 solved only
by missing targets (elastic mode). The solver's status is printed in plain words.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from model.errors import CaseError, Problem
from model.validation import validate
from model.workbook import read_workbook

DEFAULT_CASE = Path(__file__).resolve().parent.parent / "inputs" / "dunkerque.xlsx"
COMMANDS = ("run", "validate", "template", "portfolio")

console = Console(stderr=False, highlight=False, markup=False)
errors = Console(stderr=True, highlight=False, markup=False)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="run.py", description="Least-cost net-zero pathway of an "
                                "industrial cluster (Pyomo LP solved with HiGHS).")
    sub = p.add_subparsers(dest="command")
    run = sub.add_parser("run", help="solve a case workbook (default command)")
    run.add_argument("workbook", nargs="?", default=str(DEFAULT_CASE),
                     help="case workbook (default: the bundled Dunkerque case)")
    run.add_argument("--results", default="results", help="results folder (default results/)")
    run.add_argument("--time-limit", type=float, help="HiGHS time limit, s")
    run.add_argument("--threads", type=int, help="HiGHS threads")
    run.add_argument("--method", choices=("auto", "choose", "simplex", "ipm", "pdlp"),
                     help="HiGHS algorithm (auto: simplex below 500k nonzeros, interior "
                     "point above)")
    run.add_argument("--no-crossover", action="store_true",
                     help="with ipm: skip crossover (duals then come from the interior point)")
    run.add_argument("--elastic", action="store_true", help="price missed targets from the "
                     "start instead of only after an infeasible solve")
    run.add_argument("--quiet", action="store_true", help="no progress display")
    val = sub.add_parser("validate", help="check a case workbook and list every problem")
    val.add_argument("workbook")
    pf = sub.add_parser("portfolio", help="solve every case workbook of a folder and write "
                        "the initiative portfolio workbook")
    pf.add_argument("folder", nargs="?", default=str(DEFAULT_CASE.parent),
                    help="folder of case workbooks (default: inputs/)")
    pf.add_argument("--results", default="results", help="results folder (default results/)")
    pf.add_argument("--quiet", action="store_true", help="no progress display")
    tpl = sub.add_parser("template", help="write a blank case workbook")
    tpl.add_argument("path")
    tpl.add_argument("--force", action="store_true", help="overwrite an existing file")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run a command; an unexpected internal error is reported briefly (set
    CLUSTER_PATHWAYS_DEBUG=1 for the traceback), never as a raw traceback."""
    import os
    import traceback

    try:
        return _main(argv)
    except KeyboardInterrupt:
        errors.print("interrupted")
        return 130
    except Exception as exc:  # bad input never gets here: it is a CaseError, handled below
        if os.environ.get("CLUSTER_PATHWAYS_DEBUG"):
            traceback.print_exc()
        else:
            errors.print(f"internal error: {type(exc).__name__}: {exc}\n(this is a bug in "
                         "the tool, not in your workbook; rerun with CLUSTER_PATHWAYS_DEBUG=1 "
                         "for the traceback and report it)")
        return 1


def _main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help")):
        args_list = ["run", *args_list]
    args = _parser().parse_args(args_list)
    if args.command == "validate":
        return cmd_validate(Path(args.workbook))
    if args.command == "template":
        return cmd_template(Path(args.path), args.force)
    if args.command == "portfolio":
        return cmd_portfolio(Path(args.folder), Path(args.results), args.quiet)
    return cmd_run(args)


#: The solver's statuses (model/highs.py) in the words the command line prints.
PLAIN_STATUS = {
    "optimal": "optimal",
    "targets missed": "solved only by missing targets",
    "infeasible": "infeasible: no plan meets every constraint",
    "unbounded": "unbounded: the cost can fall without limit (something earns money with "
                 "no limit on how much, e.g. selling above the purchase price)",
    "infeasible_or_unbounded": "infeasible or unbounded (the solver could not tell which)",
    "time_limit": "stopped at the time limit before the plan was proven optimal",
    "iteration_limit": "stopped at the iteration limit before the plan was proven optimal",
    "solutionlimit": "stopped at the solution limit before the plan was proven optimal",
    "objectivebound": "stopped at the objective bound before the plan was proven optimal",
    "objectivetarget": "stopped at the objective target before the plan was proven optimal",
    "interrupt": "interrupted",
    "highsinterrupt": "interrupted",
    "memorylimit": "the solver ran out of memory",
    "notset": "the solver gave no answer (numerical trouble: look for very large or very "
              "small numbers in the workbook)",
    "unknown": "the solver could not decide (numerical trouble: look for very large or very "
               "small numbers in the workbook)",
    "solveerror": "the solver failed (numerical trouble: look for very large or very small "
                  "numbers in the workbook)",
    "presolveerror": "the solver failed while simplifying the model (numerical trouble)",
    "postsolveerror": "the solver failed while recovering the solution (numerical trouble)",
    "loaderror": "the solver refused the model (a bug in the tool: please report it)",
    "modelerror": "the solver refused the model (a bug in the tool: please report it)",
}


def plain_status(status: str) -> str:
    """A solver status in words a planner reads (unknown ones as they are)."""
    return PLAIN_STATUS.get(status, status.replace("_", " "))


#: Problems alike (same sheet, message and expectation) beyond this many are summarised.
ALIKE_SHOWN = 3


def _alike(problems: list[Problem]) -> list[list[Problem]]:
    """Problems grouped by sheet, message and expectation, in order of first appearance."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.workbook, p.sheet, p.message, p.expected), []).append(p)
    return list(groups.values())


def _print_group(group: list[Problem], bullet: str) -> None:
    for p in group[:ALIKE_SHOWN]:
        errors.print(f"{bullet}{escape(str(p))}", markup=True, soft_wrap=True)
    rest = group[ALIKE_SHOWN:]
    if rest:
        where = [p.cell or (f"row {p.row}" if p.row is not None else "") for p in rest]
        where = [w for w in where if w]
        listed = ", ".join(where[:8]) + (f", ... ({len(where)} in all)" if len(where) > 8
                                         else "")
        errors.print(f"{bullet}... and {len(rest)} more like this"
                     + (f" ({escape(listed)})" if listed else ""), markup=True,
                     soft_wrap=True)


def _print_problems(problems: list[Problem]) -> None:
    """Warnings, then errors, every one located; many alike are summarised with a count and
    where they are."""
    errs = [p for p in problems if p.severity == "error"]
    warns = [p for p in problems if p.severity == "warning"]
    for group in _alike(warns):
        _print_group(group, "[yellow]warning[/]: ")
    if errs:
        errors.print(f"[red]{len(errs)} error(s)[/]:", markup=True)
        for group in _alike(errs):
            _print_group(group, "  [red]-[/] ")


def cmd_validate(path: Path) -> int:
    raw = read_workbook(path)
    tables, problems = validate(raw)
    _print_problems(problems)
    if tables is None:
        return 2
    console.print(f"{path}: valid ({len(problems)} warning(s))", soft_wrap=True)
    return 0


def cmd_template(path: Path, force: bool) -> int:
    from model.template import write_template

    if path.exists() and not force:
        errors.print(f"{path} exists; not overwriting it (use --force)", soft_wrap=True)
        return 2
    write_template(path, overwrite=force)
    console.print(f"wrote the blank case template {path}", soft_wrap=True)
    return 0


def cmd_portfolio(folder: Path, results_dir: Path, quiet: bool) -> int:
    from model.portfolio import run_portfolio

    if not folder.is_dir():
        errors.print(f"{folder} is not a folder", soft_wrap=True)
        return 2
    status = console.status("portfolio", spinner="dots") if not quiet else None
    if status:
        status.start()
    try:
        runs, path = run_portfolio(folder, results_dir,
                                   progress=status.update if status else None)
    finally:
        if status:
            status.stop()
    table = Table(title=f"portfolio of {folder}")
    for col in ("workbook", "cluster", "status", "net present cost [M]", "note"):
        table.add_column(col)
    for r in runs:
        note = (r.error or "").splitlines()[0][:80] if r.error else str(r.folder or "")
        table.add_row(escape(r.workbook.name), escape(r.cluster or ""),
                      escape(plain_status(r.status)),
                      f"{r.npv:,.0f} {r.currency}" if r.npv is not None else "", escape(note))
    console.print(table)
    for r in runs:
        if r.error:
            errors.print(f"[red]{escape(r.workbook.name)}[/]: {escape(r.error)}", markup=True,
                         soft_wrap=True)
    console.print(f"portfolio: {path}", soft_wrap=True)
    if not runs:
        errors.print(f"no case workbooks in {folder}", soft_wrap=True)
        return 2
    return 0 if all(r.status == "optimal" for r in runs) else 1


def cmd_run(args: argparse.Namespace) -> int:
    from model.pipeline import SolverOverrides, run_case

    started = time.perf_counter()
    status_ctx = console.status("reading the workbook", spinner="dots") if not args.quiet \
        else None
    if status_ctx:
        status_ctx.start()
    overrides = SolverOverrides(time_limit=args.time_limit, threads=args.threads,
                                method=args.method,
                                crossover=False if args.no_crossover else None)
    try:
        run = run_case(args.workbook, results_dir=args.results, elastic=args.elastic,
                       solver=overrides, progress=status_ctx.update if status_ctx else None)
    except CaseError as exc:
        if status_ctx:
            status_ctx.stop()
        _print_problems(exc.problems + exc.warnings)
        return 2
    except OSError as exc:  # the results folder cannot be written (not the workbook's doing)
        if status_ctx:
            status_ctx.stop()
        errors.print(f"cannot write the results: {exc}", soft_wrap=True)
        return 1
    finally:
        if status_ctx:
            status_ctx.stop()
    _print_problems(run.case.warnings)
    _print_summary(run.outcome, run.results, run.folder, time.perf_counter() - started,
                   run.seconds.get("write", 0.0))
    return run.exit_code


def _print_summary(outcome, res, folder: Path, total: float, write_seconds: float) -> None:
    case = outcome.case
    money = case.money
    colour = "green" if outcome.result.ok and not outcome.misses else "red"
    status = escape(plain_status(outcome.status))
    console.print(f"[bold]{escape(case.name)}[/]: [{colour}]{status}[/]"
                  + (" (elastic: targets missed)" if outcome.misses else ""), markup=True)
    for msg in outcome.messages:
        console.print(f"  {msg}")
    if res is not None:
        console.print(f"  net present cost: {outcome.objective:,.1f} {money} "
                      f"({case.discount_rate:.1%}/yr, {case.settings.get('capex_method')})")
        table = Table(title="emissions vs targets", show_lines=False)
        for col in ("target", "cap [Mt/yr]", "emissions [Mt/yr]", "missed [Mt]",
                    f"MAC [{money}/Mt]"):
            table.add_column(col, justify="right" if col != "target" else "left",
                             no_wrap=col == "target")
        for r in res.tables["targets"].to_dict("records"):
            cap = next(v for k, v in r.items() if k.startswith("cap ["))
            table.add_row(escape(r["target"]), f"{cap:.3f}", f"{r['emissions [Mt CO2e (/yr)]']:.3f}",
                          f"{r['missed [Mt CO2e (/yr)]']:.3f}",
                          f"{r[f'marginal abatement cost [{money}/Mt CO2e]']:,.1f}")
        if len(res.tables["targets"]):
            console.print(table)
        socio = res.tables["socioeconomic"]
        console.print("  scope-1 emissions [Mt/yr]: " + ", ".join(
            f"{r['year']}: {r['scope-1 emissions [Mt CO2e/yr]']:.2f}"
            for r in socio.to_dict("records")))
        if socio["scope-2 emissions [Mt CO2e/yr]"].abs().sum() > 0:
            console.print("  scope-1+2 emissions [Mt/yr]: " + ", ".join(
                f"{r['year']}: {r['scope-1+2 emissions [Mt CO2e/yr]']:.2f}"
                for r in socio.to_dict("records")))
        inv = res.tables["investment"]
        if not inv.empty:
            top = inv.groupby("technology")[f"overnight investment [{money}]"].sum()
            top = top.sort_values(ascending=False).head(6)
            console.print("  top investments (overnight, undiscounted): " + "; ".join(
                f"{t} {v:,.0f} {money}" for t, v in top.items()))
    s = outcome.seconds
    console.print(f"  solver: HiGHS {outcome.result.algorithm}")
    console.print(f"  time: build {s.get('build', 0):.2f} s, hand-over "
                  f"{s.get('hand_over', 0):.2f} s, solve {s.get('solve', 0):.2f} s, write "
                  f"{write_seconds:.2f} s, total {total:.2f} s "
                  f"({outcome.size.get('rows', 0)} rows x {outcome.size.get('columns', 0)} "
                  f"columns)")
    console.print(f"  results: {folder}", soft_wrap=True)
