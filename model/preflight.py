"""A look at a workbook file before any parser reads it: what kind of file it is, and what
reading it would cost.

The readers (python-calamine, openpyxl) trust the file: one value in cell XFD1048576 makes
calamine allocate a grid of 17 billion cells and abort the process, and a 3 MB archive can
inflate to gigabytes. :func:`preflight` therefore checks, in this order and without
parsing a sheet:

1. the file: not a folder, not empty, not too large; an .xls, encrypted, .ods, .xlsb or
   CSV file is named as such with what to do;
2. the archive: number of parts, each part's compression, declared size and compression
   ratio, the sum of the sizes (all before inflating anything);
3. every XML part, inflated in chunks: its actual size, well-formed XML, no document type
   or entity declarations (which workbooks never need);
4. every sheet: the farthest cell its cells reach, hence the size of the grid a reader
   builds from A1, and its declared dimension.

Anything beyond :class:`ReadLimits` is refused with a problem naming the sheet (or part)
and the limit; the limits are stated in ``docs/inputs.md`` and can be raised with the
environment variable ``CLUSTER_PATHWAYS_LIMITS`` (e.g. ``sheet_cells=20000000,part_mb=500``).
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field, fields
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from model.errors import Problem

LIMITS_VARIABLE = "CLUSTER_PATHWAYS_LIMITS"
MB = 1 << 20
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384


@dataclass(frozen=True)
class ReadLimits:
    """What reading one workbook may cost; beyond any of them the file is refused."""

    file_mb: float = field(default=200.0, metadata={
        "doc": "size of the workbook file, MiB"})
    parts: int = field(default=10_000, metadata={
        "doc": "parts (files) inside the workbook archive"})
    part_mb: float = field(default=200.0, metadata={
        "doc": "uncompressed size of one part (a sheet, the shared strings, ...), MiB"})
    total_mb: float = field(default=500.0, metadata={
        "doc": "uncompressed size of all parts together, MiB"})
    ratio: float = field(default=100.0, metadata={
        "doc": "uncompressed / compressed size of a part larger than 1 MiB"})
    sheet_cells: int = field(default=5_000_000, metadata={
        "doc": "cells of a sheet's grid: rows x columns from A1 to its farthest cell"})
    workbook_cells: int = field(default=20_000_000, metadata={
        "doc": "cells of all sheets' grids together"})

    @classmethod
    def from_environment(cls, environ: os._Environ | dict | None = None) -> ReadLimits:
        """The defaults, changed by ``CLUSTER_PATHWAYS_LIMITS="name=value,..."``.

        Raises ValueError naming the variable for an unknown name or a bad value."""
        text = (os.environ if environ is None else environ).get(LIMITS_VARIABLE, "")
        values: dict[str, float | int] = {}
        types = {f.name: f.type for f in fields(cls)}
        for item in filter(None, (part.strip() for part in text.split(","))):
            name, _, value = item.partition("=")
            name = name.strip()
            if name not in types:
                raise ValueError(f"{LIMITS_VARIABLE}: unknown limit {name!r} (limits: "
                                 f"{', '.join(types)})")
            try:
                number = float(value)
            except ValueError:
                raise ValueError(f"{LIMITS_VARIABLE}: {name}={value!r} is not a number") \
                    from None
            if not number > 0:
                raise ValueError(f"{LIMITS_VARIABLE}: {name} must be positive")
            values[name] = int(number) if types[name] in (int, "int") else number
        return cls(**values)


@dataclass
class SheetScan:
    """What the look at one sheet part found."""

    title: str
    part: str
    rows: int = 0  #: farthest row a cell or row element reaches
    columns: int = 0  #: farthest column a cell reaches
    dimension: str | None = None  #: the declared used range (<dimension ref="A1:D20"/>)
    formulas: bool = False
    errors: bool = False  #: cells holding an error value (#N/A, ...)

    @property
    def cells(self) -> int:
        """Cells of the grid a reader builds from A1 to the farthest cell."""
        return self.rows * self.columns


@dataclass
class Report:
    """The verdict on a file: problems (empty when it may be read) and its sheets."""

    problems: list[Problem] = field(default_factory=list)
    sheets: dict[str, SheetScan] = field(default_factory=dict)  #: by part name

    @property
    def formulas(self) -> bool:
        return any(s.formulas for s in self.sheets.values())

    @property
    def errors(self) -> bool:
        return any(s.errors for s in self.sheets.values())


class Refused(Exception):
    """The file may not be read; carries the problem that says why."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


# --------------------------------------------------------------------------------------
# the file
# --------------------------------------------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  #: Excel 97-2003 files and encrypted workbooks
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
#: Suffixes of the workbooks read (openpyxl opens these; they hold the same format).
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")

SAVE_AS_XLSX = "an .xlsx workbook: open the file in Excel or LibreOffice and save it as " \
    "Excel Workbook (.xlsx)"


def _refuse(path: Path, reason: str, expected: str, sheet: str | None = None,
            cell: str | None = None) -> Refused:
    return Refused(Problem(path.name, sheet, reason, cell=cell, expected=expected))


def _not_workbook(path: Path, reason: str, expected: str = SAVE_AS_XLSX) -> Refused:
    return _refuse(path, f"cannot open as an Excel workbook: {reason}", expected)


def _check_file(path: Path, limits: ReadLimits) -> None:
    """Refuse what is not an .xlsx file, each kind with what to do about it."""
    if not path.exists():
        raise Refused(Problem(path.name, None, "file not found", value=str(path)))
    if path.is_dir():
        raise _not_workbook(path, "it is a folder", "a workbook file (.xlsx); to solve every "
                            "workbook of a folder use: python run.py portfolio FOLDER")
    size = path.stat().st_size
    if size == 0:
        raise _not_workbook(path, "the file is empty (0 bytes)", "an .xlsx workbook, e.g. "
                            "the blank one written by: python run.py template FILE")
    if size > limits.file_mb * MB:
        raise _not_workbook(path, f"the file is {size / MB:,.0f} MiB, above the limit of "
                            f"{limits.file_mb:g} MiB", f"a smaller workbook, or a higher "
                            f"limit: {LIMITS_VARIABLE}=file_mb=N")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == _OLE2:
        if _contains(path, _ENCRYPTED):
            raise _not_workbook(path, "the workbook is protected by a password (encrypted)",
                                "a workbook without a password: open it, remove the "
                                "password (Excel: File > Info > Protect Workbook) and save it")
        raise _not_workbook(path, "it is an Excel 97-2003 workbook (.xls), which is not read")
    if head.startswith(_ZIP):
        return
    if path.suffix.lower() in TEXT_SUFFIXES or _looks_like_text(path):
        raise _not_workbook(path, "it is a text file (such as CSV), which holds one table, "
                            "while a case is a workbook of several sheets", "an .xlsx "
                            "workbook: start "
                            "from python run.py template FILE and paste the table into its "
                            "sheet")
    raise _not_workbook(path, "the file is neither an .xlsx workbook nor any other "
                        "spreadsheet file", "an .xlsx workbook")


def _contains(path: Path, needle: bytes) -> bool:
    """Whether the file holds ``needle`` (read in chunks, never whole)."""
    tail = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(MB):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


def _looks_like_text(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(4096)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end
            return False
    return b"\0" not in head


# --------------------------------------------------------------------------------------
# the archive
# --------------------------------------------------------------------------------------


def _check_archive(path: Path, archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Refuse an archive whose parts would cost too much to inflate, before inflating."""
    names = set(archive.namelist())
    if "content.xml" in names and "mimetype" in names:
        raise _not_workbook(path, "it is an OpenDocument spreadsheet (.ods), which is not "
                            "read", "an .xlsx workbook: in LibreOffice, save it as Excel "
                            "2007-365 (.xlsx)")
    if any(n.lower().endswith("workbook.bin") for n in names):
        raise _not_workbook(path, "it is an Excel binary workbook (.xlsb), which is not read")
    if "[Content_Types].xml" not in names:
        raise _not_workbook(path, "it is a zip archive that holds no Excel workbook",
                            "an .xlsx workbook")
    if path.suffix.lower() not in XLSX_SUFFIXES:
        raise _not_workbook(path, f"it holds an .xlsx workbook but is named "
                            f"{path.suffix or 'without a suffix'}",
                            f"the same file renamed to {path.stem}.xlsx")
    infos = archive.infolist()
    if len(infos) > limits.parts:
        raise _not_workbook(path, f"the archive holds {len(infos):,} parts, above the limit "
                            f"of {limits.parts:,}", f"a workbook of fewer parts, or a higher "
                            f"limit: {LIMITS_VARIABLE}=parts=N")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _not_workbook(path, f"part {info.filename} is encrypted",
                                "a workbook without a password")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _not_workbook(path, f"part {info.filename} uses a compression Excel never "
                                "writes", SAVE_AS_XLSX)
        _check_part_size(path, info.filename, info.file_size, info.compress_size, limits)
        total += info.file_size
    if total > limits.total_mb * MB:
        raise _not_workbook(path, f"its parts inflate to {total / MB:,.0f} MiB, above the "
                            f"limit of {limits.total_mb:g} MiB", f"a smaller workbook, or a "
                            f"higher limit: {LIMITS_VARIABLE}=total_mb=N")


def _check_part_size(path: Path, part: str, size: int, compressed: int,
                     limits: ReadLimits, sheet: str | None = None) -> None:
    where = f"sheet '{sheet}' ({part})" if sheet else f"part {part}"
    if size > limits.part_mb * MB:
        raise _not_workbook(path, f"{where} inflates to {size / MB:,.0f} MiB, above the limit "
                            f"of {limits.part_mb:g} MiB", f"a smaller sheet, or a higher "
                            f"limit: {LIMITS_VARIABLE}=part_mb=N")
    if size > MB and size > limits.ratio * max(compressed, 1):
        raise _not_workbook(path, f"{where} inflates {size / max(compressed, 1):,.0f} times "
                            f"(from {compressed:,} to {size:,} bytes), above the limit of "
                            f"{limits.ratio:g} (a zip bomb, or a sheet of empty rows)",
                            f"a workbook saved by Excel or LibreOffice, or a higher limit: "
                            f"{LIMITS_VARIABLE}=ratio=N")


# --------------------------------------------------------------------------------------
# XML parts
# --------------------------------------------------------------------------------------


class _Declaration(Exception):
    pass


def _xml_parser() -> expat.XMLParserType:
    """A parser that checks well-formedness and refuses document type and entity
    declarations (the way to billion-laughs and external-entity attacks)."""
    parser = expat.ParserCreate()

    def refuse(*_args: object) -> None:
        raise _Declaration

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _inflate(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ReadLimits,
             where: str, scan: SheetScan | None, budget: list[int]) -> None:
    """Inflate one part in chunks: count its bytes, check it is well-formed XML without
    declarations (XML parts) and look at its cells (sheets)."""
    name = info.filename.lower()
    strict = name.endswith((".xml", ".rels"))
    parser = _xml_parser() if strict else None
    cells = _CellScanner(path, scan, limits, budget) if scan is not None else None
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(MB):
                size += len(chunk)
                if size > info.file_size or size > limits.part_mb * MB:
                    _check_part_size(path, info.filename, size, info.compress_size, limits)
                    raise _not_workbook(path, f"{where} is larger than its archive entry "
                                        "says", SAVE_AS_XLSX)
                if parser is not None:
                    parser.Parse(chunk, False)
                elif _DECLARATION.search(chunk):
                    raise _Declaration
                if cells is not None:
                    cells.feed(chunk)
            if parser is not None:
                parser.Parse(b"", True)
            if cells is not None:
                cells.close()
    except _Declaration:
        raise _not_workbook(path, f"{where} declares a document type or entities "
                            "(<!DOCTYPE>, <!ENTITY>), which workbooks never hold",
                            SAVE_AS_XLSX) from None
    except expat.ExpatError as exc:
        raise _not_workbook(path, f"{where} is not well-formed XML (line {exc.lineno}, "
                            f"column {exc.offset}: {expat.ErrorString(exc.code)})",
                            SAVE_AS_XLSX) from None
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
        raise _not_workbook(path, f"{where} is damaged ({exc})", SAVE_AS_XLSX) from None


# --------------------------------------------------------------------------------------
# sheets: where their cells reach
# --------------------------------------------------------------------------------------

#: Longest start tag of a row or cell looked at; longer ones are refused (Excel's are < 100).
MAX_TAG = 2000
_NS = rb"<(?:[\w.-]{1,40}:)?"
_CELL_TAG = re.compile(_NS + rb"c[\s>/]")
_ROW_TAG = re.compile(_NS + rb"row[\s>/]")
_REF = rb"\s(?:[^>]{0,%d}?\s)?r\s*=\s*[\"']" % MAX_TAG
_CELL_COLUMN = re.compile(_NS + rb"c" + _REF + rb"([A-Z]{1,3})[0-9]{1,7}[\"']")
_CELL_ROW = re.compile(_NS + rb"c" + _REF + rb"[A-Z]{1,3}([0-9]{1,7})[\"']")
_ANY_CELL_REF = re.compile(_NS + rb"c" + _REF)
_ROW_NUMBER = re.compile(_NS + rb"row" + _REF + rb"([0-9]{1,7})[\"']")
_ANY_ROW_REF = re.compile(_NS + rb"row" + _REF)
#: How Excel, LibreOffice and openpyxl write them: no prefix, the reference first.
_PLAIN_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[0-9]{1,7}"')
_PLAIN_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_PLAIN_ROW = re.compile(rb'<row r="([0-9]{1,7})"')
_LONG_TAG = re.compile(_NS + rb"(?:c|row)\s[^>]{%d}" % MAX_TAG)
_DIMENSION = re.compile(_NS + rb"dimension\s[^>]{0,200}?ref\s*=\s*[\"']([^\"']{1,40})[\"']")
#: The type of a cell holding an error value (``<c r="B2" t="e">``: ``#N/A``, ``#DIV/0!``,
#: ...); only cells have a ``t`` attribute of that value. Starting with a plain ``t`` (the
#: space before it checked behind) keeps the search fast.
_ERROR_CELL = re.compile(rb"""t(?<=\st)\s*=\s*["']e["']""")


def column_number(letters: bytes | str) -> int:
    """1 for A, 27 for AA, 16384 for XFD."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(number: int) -> str:
    """A for 1, AA for 27, XFD for 16384."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _CellScanner:
    """Follows the farthest row and column of a sheet part fed in chunks (already checked
    to be well-formed XML), refusing the sheet as soon as its grid passes the limits.

    In well-formed XML ``<`` only starts markup, never appears inside a tag: each chunk is
    looked at up to its last incomplete tag, which is carried over to the next."""

    def __init__(self, path: Path, scan: SheetScan, limits: ReadLimits, budget: list[int]):
        self.path, self.scan, self.limits, self.budget = path, scan, limits, budget
        self.carry = b""
        self.unreferenced_cells = 0  #: most cells without r="..." in one row
        self.unreferenced_rows = 0  #: rows without r="..." (each one row further)

    def feed(self, chunk: bytes) -> None:
        buf = self.carry + chunk
        last = buf.rfind(b"<")
        cut = last if last >= 0 and buf.find(b">", last) < 0 else len(buf)
        self.carry = buf[cut:]
        if len(self.carry) > MAX_TAG + 64:
            self._refuse_long_tag()
        if cut:
            self._look(buf[:cut])

    def close(self) -> None:
        if self.carry:
            self._look(self.carry)
        self._check_grid()
        self.budget[0] += self.scan.cells

    def _refuse_long_tag(self) -> None:
        raise _refuse(self.path, f"a tag of sheet '{self.scan.title}' is longer than "
                      f"{MAX_TAG} characters (the file is damaged or was not written by a "
                      "spreadsheet program)", SAVE_AS_XLSX, self.scan.title)

    def _look(self, region: bytes) -> None:
        """Follow the cells of a region of whole tags. Cells written as Excel writes them
        are counted with plain byte searches; any other way is looked at closer."""
        scan = self.scan
        if scan.dimension is None and b"dimension" in region \
                and (dim := _DIMENSION.search(region)):
            scan.dimension = dim.group(1).decode("ascii", "replace")
        columns = _PLAIN_CELL_COLUMN.findall(region)
        rows = _PLAIN_ROW.findall(region)
        n_cells = region.count(b"<c ") + region.count(b"<c>") + region.count(b"<c/")
        n_rows = region.count(b"<row ") + region.count(b"<row>") + region.count(b"<row/")
        if len(columns) == n_cells and len(rows) == n_rows and not any(
                tag in region for tag in (b":c ", b":c>", b":c/", b":row")):
            cell_rows = _PLAIN_CELL_ROW.findall(region)
        else:
            columns, cell_rows, rows = self._look_closer(region)
        if columns:  # distinct columns and rows are few: sets are cheap, ints cheaper
            scan.columns = max(scan.columns, *map(column_number, set(columns)))
            scan.rows = max(scan.rows, *map(int, set(cell_rows)))
        if rows:
            scan.rows = max(scan.rows, *map(int, set(rows)))
        scan.formulas = scan.formulas or any(
            tag in region for tag in (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/"))
        scan.errors = scan.errors or ((b'"e"' in region or b"'e'" in region)
                                      and bool(_ERROR_CELL.search(region)))
        self._check_grid()

    def _look_closer(self, region: bytes) -> tuple[list[bytes], list[bytes], list[bytes]]:
        """Columns and rows of the cells, and the row numbers, of a region not written as
        Excel writes: prefixed tags, attributes before the reference, rows or cells
        without a reference (each one further than the one before it)."""
        scan = self.scan
        if _LONG_TAG.search(region):
            self._refuse_long_tag()
        columns = _CELL_COLUMN.findall(region)
        if len(_ANY_CELL_REF.findall(region)) != len(columns):
            raise _refuse(self.path, f"sheet '{scan.title}' has a cell reference that is not "
                          "a cell of Excel's grid (A1 to XFD1048576)", SAVE_AS_XLSX,
                          scan.title)
        rows = _ROW_NUMBER.findall(region)
        if len(_ANY_ROW_REF.findall(region)) != len(rows):
            raise _refuse(self.path, f"sheet '{scan.title}' has a row number that is not a "
                          "row of Excel's grid (1 to 1048576)", SAVE_AS_XLSX, scan.title)
        if len(_CELL_TAG.findall(region)) > len(columns):
            self.unreferenced_cells = max(self.unreferenced_cells, *(
                len(_CELL_TAG.findall(part)) - len(_CELL_COLUMN.findall(part))
                for part in _ROW_TAG.split(region)))
        self.unreferenced_rows += len(_ROW_TAG.findall(region)) - len(rows)
        return columns, _CELL_ROW.findall(region), rows

    def _check_grid(self) -> None:
        scan, limits = self.scan, self.limits
        if scan.rows > EXCEL_ROWS or scan.columns > EXCEL_COLUMNS:
            raise _refuse(self.path, f"sheet '{scan.title}' has cells beyond Excel's grid "
                          f"(row {scan.rows:,}, column {scan.columns:,})", SAVE_AS_XLSX,
                          scan.title)
        # A row or cell without a reference goes one further than the one before it.
        rows = scan.rows + self.unreferenced_rows
        columns = scan.columns + self.unreferenced_cells
        cells = rows * columns
        if cells > limits.sheet_cells:
            farthest = f"{column_letters(scan.columns)}{scan.rows}" if scan.columns else None
            raise _refuse(
                self.path, "the sheet is too large to read: its cells reach "
                f"column {column_letters(columns)} and row {rows:,}, a grid of {cells:,} "
                f"cells from A1, above the limit of {limits.sheet_cells:,}",
                "a smaller sheet: delete the stray cells far from the table (Ctrl+End shows "
                "the last one) or the unused rows and columns, or raise the limit: "
                f"{LIMITS_VARIABLE}=sheet_cells=N", scan.title, farthest)
        if self.budget[0] + cells > limits.workbook_cells:
            raise _refuse(
                self.path, f"the sheets are too large to read together: with sheet "
                f"'{scan.title}' their grids hold {self.budget[0] + cells:,} cells, above "
                f"the limit of {limits.workbook_cells:,}", "smaller sheets, or a higher "
                f"limit: {LIMITS_VARIABLE}=workbook_cells=N", scan.title)


# --------------------------------------------------------------------------------------
# the whole look
# --------------------------------------------------------------------------------------

_OFFICE_DOCUMENT = "/officeDocument"
_SHEET_TYPES = ("/worksheet", "/chartsheet", "/dialogsheet", "/macrosheet", "/xlMacrosheet")


def preflight(path: str | Path, limits: ReadLimits | None = None) -> Report:
    """Look at a workbook file before reading it; the report's problems say why it may not
    be read (empty when it may)."""
    path = Path(path)
    report = Report()
    try:
        limits = limits or ReadLimits.from_environment()
    except ValueError as exc:
        report.problems.append(Problem(path.name, None, str(exc),
                                       expected="name=value pairs of known limits"))
        return report
    try:
        _check_file(path, limits)
        try:
            with zipfile.ZipFile(path) as archive:
                _check_archive(path, archive, limits)
                _look_inside(path, archive, limits, report)
        except zipfile.BadZipFile as exc:
            raise _not_workbook(path, f"the file is damaged ({exc})", SAVE_AS_XLSX) from None
    except Refused as refused:
        report.problems.append(refused.problem)
    return report


def _look_inside(path: Path, archive: zipfile.ZipFile, limits: ReadLimits,
                 report: Report) -> None:
    """Inflate every XML part once: the workbook and its relations first (for the sheets'
    names), then the others, sheets scanned for their cells."""
    infos = {info.filename: info for info in archive.infolist()}
    budget = [0]

    def check(name: str, scan: SheetScan | None = None) -> None:
        where = f"sheet '{scan.title}' ({name})" if scan else f"part {name}"
        _inflate(path, archive, infos[name], limits, where, scan, budget)

    root_rels = "_rels/.rels"
    workbook = "xl/workbook.xml"
    if root_rels in infos:
        check(root_rels)
        workbook = next((t for kind, t in _relations(archive, root_rels, "").values()
                         if kind.endswith(_OFFICE_DOCUMENT)), workbook)
    if workbook not in infos:
        raise _not_workbook(path, "it is a zip archive that holds no Excel workbook",
                            "an .xlsx workbook")
    check(workbook)
    folder = posixpath.dirname(workbook)
    workbook_rels = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
    titles: dict[str, str] = {}
    if workbook_rels in infos:
        check(workbook_rels)
        relations = _relations(archive, workbook_rels, folder)
        for title, rid in _sheet_entries(archive, workbook):
            kind, target = relations.get(rid, ("", ""))
            if kind.endswith(_SHEET_TYPES) and target in infos:
                titles[target] = title
    done = {root_rels, workbook, workbook_rels}
    for name in infos:
        if name in done or not name.lower().endswith((".xml", ".rels", ".vml")):
            continue
        is_sheet = name in titles or re.match(r"xl/\w*sheets/[^/]+\.xml$", name)
        scan = SheetScan(titles.get(name, name), name) if is_sheet else None
        check(name, scan)
        if scan is not None:
            report.sheets[name] = scan


def _relations(archive: zipfile.ZipFile, part: str, folder: str) -> dict[str, tuple[str, str]]:
    """Id -> (type, target part) of a relations part (already checked: small, well-formed,
    no declarations); targets resolved against ``folder``."""
    out = {}
    for element in ElementTree.fromstring(archive.read(part)).iter():
        if element.tag.endswith("Relationship") and "Target" in element.attrib:
            target = element.attrib["Target"]
            target = target.lstrip("/") if target.startswith("/") \
                else posixpath.normpath(posixpath.join(folder, target))
            out[element.attrib.get("Id", "")] = (element.attrib.get("Type", ""), target)
    return out


def _sheet_entries(archive: zipfile.ZipFile, workbook: str) -> list[tuple[str, str]]:
    """(name, relation id) of each sheet the workbook part lists."""
    entries = []
    for element in ElementTree.fromstring(archive.read(workbook)).iter():
        if element.tag.rsplit("}", 1)[-1] == "sheet":
            rid = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"),
                       "")
            entries.append((element.attrib.get("name", ""), rid))
    return entries
