"""Sensitivity studies: tornado, grid and Monte Carlo variants of a case or scenario.

:mod:`definition` reads study workbooks, :mod:`variants` applies a variant's values to the
base, :mod:`execute` solves chunks of variants warm (here, on a process pool or on Dask),
:mod:`store` keeps finished chunks crash-safe, :mod:`run` drives a study to its run folder,
:mod:`report` writes ``study.xlsx``, :mod:`compare` the side-by-side workbook of runs, and
:mod:`outputs` is the one adapter to the result tables.

Near-optimal alternatives (an ``alternatives`` sheet) use the same execution, store and run
folder: :mod:`alternatives` reads the sheet and numbers the directions, :mod:`mga` solves
them warm around the optimum, :mod:`ranges` and :mod:`alternatives_report` make the tables
and ``study.xlsx``, :mod:`alternatives_run` drives them.
"""
