"""Every number of the bundled workbooks cites a source.

The workbooks in ``inputs/`` are the source of truth of the bundled cases (no script builds
them). These checks keep them that way: every data row of every sheet names an ``id`` of its
``sources`` sheet (settings and time slices included), every column of ``profiles`` is cited in
``profile_sources``, every note carries a confidence tag ([S] sourced, [D] derived with its
arithmetic, [E] estimate, [R] recalled), and every reference is complete enough to be found.
"""

import re
from pathlib import Path

import pytest

from model.schema import SHEET_BY_NAME
from model.workbook import RawSheet, read_workbook

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
WORKBOOKS = sorted(INPUTS.glob("*.xlsx"))

#: A confidence tag: [S], [D], [E] or [R], alone or as in "[S, secondary]", "[E/R]", "[S/D]".
TAG = re.compile(r"\[(S|D|E|R)\b")

#: Sheets whose rows are data, cited by their own ``source`` column.
CITED = [name for name, sheet in SHEET_BY_NAME.items()
         if name != "sources" and any(c.name == "source" for c in sheet.columns)]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sheets(path: Path) -> dict[str, RawSheet]:
    raw = read_workbook(path)
    assert not raw.problems, [str(p) for p in raw.problems]
    return raw.sheets


def test_the_bundled_workbooks_are_found():
    assert len(WORKBOOKS) >= 4
    assert "settings" in CITED and "timeslices" in CITED and "profile_sources" in CITED


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_data_row_cites_a_source_of_its_workbook(path):
    sheets = _sheets(path)
    ids = {str(r["id"]) for r in sheets["sources"].records.values() if not _blank(r["id"])}
    assert ids
    bad = []
    for name in CITED:
        sheet = sheets.get(name)
        if sheet is None or sheet.empty:
            continue
        assert "source" in sheet.headers, f"{path.name}: sheet '{name}' has no source column"
        for row, record in sheet.records.items():
            if _blank(record["source"]) or str(record["source"]) not in ids:
                bad.append(f"{name}!{sheet.cell(row, 'source')} = {record['source']!r}")
    assert not bad, f"{path.name}: rows without a known source: {bad}"


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_profile_column_is_cited_once(path):
    sheets = _sheets(path)
    profiles = [h for h in sheets["profiles"].headers if h != "slice"]
    assert profiles
    cited = [str(r["profile"]) for r in sheets["profile_sources"].records.values()]
    assert sorted(cited) == sorted(profiles), f"{path.name}: profile_sources {cited} " \
        f"does not list each column of profiles {profiles} once"


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_note_carries_a_confidence_tag(path):
    sheets = _sheets(path)
    missing = []
    for name in CITED:
        sheet = sheets.get(name)
        if sheet is None or sheet.empty:
            continue
        assert "note" in sheet.headers, f"{path.name}: sheet '{name}' has no note column"
        for row, record in sheet.records.items():
            note = record["note"]
            if _blank(note) or not TAG.search(str(note)):
                missing.append(f"{name}!{sheet.cell(row, 'note')}")
    assert not missing, f"{path.name}: notes without [S], [D], [E] or [R]: {missing}"


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_source_is_complete(path):
    incomplete = []
    for row, r in _sheets(path)["sources"].records.items():
        if _blank(r["id"]) or _blank(r["title"]) or _blank(r["publisher"]) or (
                _blank(r["url"]) and _blank(r["year"])):
            incomplete.append(f"row {row} ({r['id']})")
    assert not incomplete, f"{path.name}: sources need an id, a title, a publisher and a url " \
        f"or year: {incomplete}"
