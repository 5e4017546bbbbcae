"""Command line: ``python run.py [run] [FILE]``, ``validate FILE``, ``template FILE``,
``portfolio [FOLDER]``, ``report RUN_FOLDER``, ``study FILE``, ``compare RUN RUN ...``. A
scenario workbook in place of a case runs the scenario.

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
from model.interrupts import Terminated, finish, load_libraries, signalled, stopping
from model.status import PLAIN_STATUS, plain_status  # noqa: F401  (re-exported)
from model.validation import validate
from model.workbook import read_workbook

DEFAULT_CASE = Path(__file__).resolve().parent.parent / "inputs" / "dunkerque.xlsx"
COMMANDS = ("run", "validate", "template", "portfolio", "report", "study", "compare")

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
    plan = run.add_mutually_exclusive_group()
    plan.add_argument("--from-actuals", action="store_true", help="re-plan from what "
                      "happened (the 'actuals' sheet up to the setting actuals_until) and "
                      "compare with the original plan")
    plan.add_argument("--foresight", type=int, metavar="YEARS", help="rolling horizon: "
                      "solve with YEARS years of foresight, fix the first block, roll on; "
                      "compare with perfect foresight")
    val = sub.add_parser("validate", help="check a case workbook and list every problem")
    val.add_argument("workbook")
    pf = sub.add_parser("portfolio", help="solve every case workbook of a folder and write "
                        "the initiative portfolio workbook")
    pf.add_argument("folder", nargs="?", default=str(DEFAULT_CASE.parent),
                    help="folder of case workbooks (default: inputs/)")
    pf.add_argument("--results", default="results", help="results folder (default results/)")
    pf.add_argument("--quiet", action="store_true", help="no progress display")
    rep = sub.add_parser("report", help="rebuild results.xlsx (or portfolio.xlsx) and "
                         "report.html of a run folder from its stored tables, without solving")
    rep.add_argument("folder")
    tpl = sub.add_parser("template", help="write a blank case workbook")
    tpl.add_argument("path")
    tpl.add_argument("--force", action="store_true", help="overwrite an existing file")
    tpl.add_argument("--scenario", action="store_true", help="write a blank scenario "
                     "workbook (base, changes) instead of a case")
    tpl.add_argument("--study", action="store_true", help="write a blank scenario workbook "
                     "with the study sheets (sensitivities, study, outputs, alternatives)")
    st = sub.add_parser("study", help="run a sensitivity study (tornado, grid, Monte Carlo) "
                        "or near-optimal alternatives of a study or scenario workbook")
    st.add_argument("workbook", nargs="?", help="study workbook (a 'sensitivities' or an "
                    "'alternatives' sheet); "
                    "may be left out with --resume")
    st.add_argument("--workers", type=int, help="worker processes (default: all cores), "
                    "one HiGHS thread each")
    st.add_argument("--dask", metavar="ADDRESS", help="send variants to a dask.distributed "
                    "scheduler at ADDRESS, or 'local' to start a LocalCluster")
    st.add_argument("--resume", metavar="RUN", help="resume an interrupted study: its "
                    "results/<study>/<run-id>.partial folder")
    st.add_argument("--chunk-size", type=int, help="variants per chunk (default: from "
                    "the variant count)")
    st.add_argument("--plans", action="store_true", help="alternatives studies: also write "
                    "each alternative's capacity table (plans sheet, plans.csv)")
    st.add_argument("--results", default="results", help="results folder (default results/)")
    st.add_argument("--quiet", action="store_true", help="no progress bar")
    cmp = sub.add_parser("compare", help="side-by-side workbook of runs or scenarios")
    cmp.add_argument("runs", nargs="+", help="run folders (results/<case>/<run-id>) or "
                     "case/scenario workbooks (solved first)")
    cmp.add_argument("--results", default="results", help="results folder (default results/)")
    return p


def _stopped(what: str) -> int:
    errors.print(f"{what}: the run stopped; nothing partial was left behind (a run "
                 "folder is written whole or not at all)")
    return 130


def main(argv: list[str] | None = None) -> int:
    """Run a command; an unexpected internal error is reported briefly (set
    CLUSTER_PATHWAYS_DEBUG=1 for the traceback), never as a raw traceback."""
    with stopping():  # a signal after finish() changes nothing: the command is done
        return finish(_guarded(argv))


def _guarded(argv: list[str] | None) -> int:
    """:func:`_main`, with an interrupt or an internal error turned into its exit code."""
    import os
    import signal
    import traceback

    try:
        return _main(argv)
    except KeyboardInterrupt as exc:
        return _stopped("terminated (SIGTERM)" if isinstance(exc, Terminated)
                        else "interrupted")
    except Exception as exc:  # bad input never gets here: it is a CaseError, handled below
        if signalled:  # the signal surfaced as another error (see interrupts.signalled)
            return _stopped("terminated (SIGTERM)" if signalled[0] == signal.SIGTERM
                            else "interrupted")
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
    if args.command not in ("validate", "template"):  # these two use neither solver nor charts
        load_libraries()
    if args.command == "validate":
        return cmd_validate(Path(args.workbook))
    if args.command == "template":
        if args.scenario or args.study:
            return cmd_scenario_template(Path(args.path), args.force, args.study)
        return cmd_template(Path(args.path), args.force)
    if args.command == "report":
        return cmd_report(Path(args.folder))
    if args.command == "study":
        return cmd_study(args)
    if args.command == "compare":
        return cmd_compare(args)
    if args.command == "portfolio":
        return cmd_portfolio(Path(args.folder), Path(args.results), args.quiet)
    return cmd_run(args)




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
    from model.scenario import SENSITIVITIES_SHEET, sheet_names

    names = sheet_names(path)
    if "scenario" in names or SENSITIVITIES_SHEET in names or "alternatives" in names:
        return cmd_validate_scenario(path, names)
    raw = read_workbook(path)
    tables, problems = validate(raw)
    _print_problems(problems)
    if tables is None:
        return 2
    console.print(f"{path}: valid ({len(problems)} warning(s))", soft_wrap=True)
    return 0


def cmd_validate_scenario(path: Path, names: list[str]) -> int:
    """Validate a scenario workbook (the changed case) and/or its study sheets."""
    from model.scenario import SENSITIVITIES_SHEET, validate_scenario

    problems: list[Problem] = []
    ok = True
    what = []
    if "scenario" in names:
        _scenario, tables, found = validate_scenario(path)
        problems += found
        ok = tables is not None
        what.append("scenario")
    alternatives = False
    if "alternatives" in names and ok:
        from model.study.alternatives import is_alternatives_workbook

        alternatives = is_alternatives_workbook(path)
    if alternatives:
        from model.study.alternatives_run import load_alternatives

        try:
            loaded = load_alternatives(path)
            problems += loaded.warnings
            what.append(f"study of {len(loaded.definition.directions())} near-optimal "
                        f"alternatives at {loaded.definition.slack:.2%} slack")
        except CaseError as exc:
            problems += exc.problems + exc.warnings
            ok = False
    elif SENSITIVITIES_SHEET in names and ok:
        from model.study.run import load_definition

        try:
            definition, _base = load_definition(path)
            what.append(f"study of {len(definition.variants())} variants")
        except CaseError as exc:
            problems += exc.problems + exc.warnings
            ok = False
    _print_problems(problems)
    if not ok:
        return 2
    console.print(f"{path}: valid {' and '.join(what)} "
                  f"({sum(p.severity == 'warning' for p in problems)} warning(s))")
    return 0


def cmd_scenario_template(path: Path, force: bool, study: bool) -> int:
    from model.scenario_template import write_scenario_template

    if path.exists() and not force:
        errors.print(f"{path} exists; not overwriting it (use --force)")
        return 2
    write_scenario_template(path, overwrite=force, study=study)
    console.print(f"wrote the blank {'study' if study else 'scenario'} template {path}")
    return 0


def cmd_study(args: argparse.Namespace) -> int:
    from model.study.run import StudyInterrupted, run_study

    if not args.workbook and not args.resume:
        errors.print("name a study workbook (or --resume RUN)")
        return 2
    if args.workers is not None and args.workers < 1:
        errors.print("--workers must be at least 1")
        return 2
    try:
        result = run_study(args.workbook, results_dir=args.results, workers=args.workers,
                           dask=args.dask, resume=args.resume, chunk_size=args.chunk_size,
                           progress=not args.quiet, plans=args.plans)
    except CaseError as exc:
        _print_problems(exc.problems + exc.warnings)
        return 2
    except StudyInterrupted as exc:
        command = " ".join(["python run.py study", *([args.workbook] if args.workbook
                                                      else []), "--resume", str(exc.folder)])
        errors.print(f"stopped: {exc.done} of {exc.total} variants are stored in "
                     f"{exc.folder}; resume with:\n  {command}", soft_wrap=True)
        return 130
    counts = result.variants["status"].value_counts()
    groups = getattr(result, "groups", None)  # near-optimal alternatives
    what = "alternatives" if groups is not None else "variants"
    console.print(f"study {result.definition.name}: {len(result.variants)} {what} in "
                  f"{result.seconds:.1f} s (" + ", ".join(f"{k} {v}" for k, v in
                                                       counts.items()) + ")")
    for r in result.variants[result.variants["status"] != "optimal"].head(10).itertuples():
        errors.print(f"  variant {r.variant} ({r.label}): {r.status}: {r.message}",
                     soft_wrap=True)
    if groups is not None:
        _print_problems(result.warnings)
        for _, g in groups.iterrows():
            console.print(f"  {g['group']}, {g['measure']}: least cost "
                          f"{g['optimum [unit]']:,.4g}, within the slack "
                          f"{g['min [unit]']:,.4g} to {g['max [unit]']:,.4g} "
                          f"({g['verdict']})", soft_wrap=True, markup=False)
    console.print(f"  results: {result.folder} (study.xlsx, study.parquet, study.csv, "
                  "variants.csv" + (", groups.csv, ranges.csv, technologies.csv"
                                    if groups is not None else "") + ")", soft_wrap=True)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from model.study.compare import compare

    try:
        path = compare([Path(r) for r in args.runs], Path(args.results))
    except CaseError as exc:
        _print_problems(exc.problems + exc.warnings)
        return 2
    console.print(f"comparison: {path}", soft_wrap=True)
    return 0


def cmd_template(path: Path, force: bool) -> int:
    from model.template import write_template

    if path.exists() and not force:
        errors.print(f"{path} exists; not overwriting it (use --force)", soft_wrap=True)
        return 2
    write_template(path, overwrite=force)
    console.print(f"wrote the blank case template {path}", soft_wrap=True)
    return 0


def cmd_report(folder: Path) -> int:
    from model.report import rebuild

    if not (folder / "manifest.json").is_file():
        errors.print(f"{folder} is not a run folder (no manifest.json)")
        return 2
    for path in rebuild(folder):
        console.print(f"wrote {path}")
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
    from model.scenario import is_scenario_workbook, run_scenario

    run_one = run_scenario if is_scenario_workbook(args.workbook) else run_case
    try:
        planner = _planner(args)
        run = run_one(args.workbook, results_dir=args.results, elastic=args.elastic,
                      solver=overrides, progress=status_ctx.update if status_ctx else None,
                      planner=planner)
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
    until = run.case.settings.get("actuals_until")
    if planner is None and until is not None:
        console.print(f"  note: the workbook records actuals up to {until}; this plan does not "
                      "apply them (re-plan from them with --from-actuals)", soft_wrap=True)
    return run.exit_code


def _planner(args: argparse.Namespace):
    """The planner of ``--from-actuals`` or ``--foresight`` (None: one solve)."""
    if args.from_actuals:
        from model.replan import FromActuals

        return FromActuals()
    if args.foresight is not None:
        from model.rolling import Rolling

        return Rolling(args.foresight)
    return None


def _decimals(x: float, n: int = 2) -> str:
    """``x`` with ``n`` decimals, without the minus of a value that rounds to zero."""
    return f"{round(x, n) + 0.0:.{n}f}"


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
        figures = res.figures
        console.print(f"  net present cost: {figures.npv_without_penalties:,.1f} {money} "
                      f"({case.discount_rate:.1%}/yr, {case.settings.get('capex_method')})"
                      + (" without the penalties of missed targets" if outcome.misses else ""))
        for tg in figures.targets:
            if tg.missed > 0:
                console.print(f"  [red]{escape(tg.miss_text)}[/]", markup=True)
        for note in figures.horizon_notes:
            console.print(f"  [yellow]{escape(note)}[/]", markup=True)
        table = Table(title="emissions vs targets", show_lines=False)
        for col in ("target", "cap [Mt/yr]", "emissions [Mt/yr]", "missed [Mt]",
                    f"MAC [{money}/Mt]"):
            table.add_column(col, justify="right" if col != "target" else "left",
                             no_wrap=col == "target")
        for tg in figures.targets:
            mac = f"{tg.mac:,.1f}" if tg.mac_unique is not False else \
                f"{tg.mac_low:,.0f}-{tg.mac_high:,.0f}*"
            table.add_row(escape(tg.label), _decimals(tg.cap, 3), _decimals(tg.emissions, 3),
                          _decimals(tg.missed, 3), mac)
        if any(tg.mac_unique is False for tg in figures.targets):
            table.caption = ("* not unique (a degenerate optimum): the MAC from raising to "
                             "lowering the cap; quote the range")
        if figures.targets:
            console.print(table)
        console.print("  scope-1 emissions [Mt/yr]: " + ", ".join(
            f"{f.year}: {_decimals(f.scope1)}" for f in figures.years))
        if any(abs(f.scope2) > 0 for f in figures.years):
            console.print("  scope-1+2 emissions [Mt/yr]: " + ", ".join(
                f"{f.year}: {_decimals(f.scope12)}" for f in figures.years))
        top = list(figures.investment_by_technology.items())[:6]
        if top:
            console.print("  top investments (overnight, undiscounted): " + "; ".join(
                f"{t} {v:,.0f} {money}" for t, v in top))
    s = outcome.seconds
    console.print(f"  solver: HiGHS {outcome.result.algorithm}")
    console.print(f"  time: build {s.get('build', 0):.2f} s, hand-over "
                  f"{s.get('hand_over', 0):.2f} s, solve {s.get('solve', 0):.2f} s, write "
                  f"{write_seconds:.2f} s, total {total:.2f} s "
                  f"({outcome.size.get('rows', 0)} rows x {outcome.size.get('columns', 0)} "
                  f"columns)")
    console.print(f"  results: {folder}", soft_wrap=True)
