"""report.html in headless Chromium: every chart draws, nothing is fetched, no console error.

Chromium is Debian's package (.ci/run installs it). Where it is missing the test is skipped,
except in CI (CI=true), where a missing browser is a failure.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import matplotlib.image
import pytest

from model.pipeline import run_case
from tests.test_report import _workbook

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not installed (apt-get install chromium; .ci/run installs it)")


def chromium(page: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium on a file with a new empty profile; stdout and the log."""
    assert CHROMIUM is not None, "chromium must be installed in CI (.ci/run installs it)"
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    profile.mkdir()
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args,
                           page.resolve().as_uri()], capture_output=True, text=True,
                          timeout=120)


def console_messages(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


@needs_chromium
def test_console_messages_are_seen(tmp_path):
    # the check below can fail: a page that fetches from the network logs a console message
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
                   "content=\"default-src 'none'\"></head><body>"
                   '<img src="http://example.com/x.png"></body></html>')
    assert console_messages(chromium(bad, tmp_path, "--dump-dom").stderr)


@needs_chromium
def test_report_renders_every_chart_offline_without_console_errors(tmp_path):
    run = run_case(_workbook(tmp_path / "tiny.xlsx"), results_dir=tmp_path / "r")
    page = run.folder / "report.html"
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)  # nothing to fetch
    assert "<script" not in text
    expected = text.count('<figure class="chart"')
    assert expected >= 5  # emissions, capacity, capex, costs, MAC, cash-flow profile

    dom = chromium(page, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_messages(dom.stderr) == []
    figures = re.findall(r'<figure class="chart".*?</figure>', dom.stdout, flags=re.S)
    assert len(figures) == expected
    for figure in figures:  # each chart drew: an SVG with a size, shapes and text
        svg = re.search(r"<svg[^>]*viewBox=\"0 0 ([\d.]+) ([\d.]+)\"", figure)
        assert svg and float(svg.group(1)) > 100 and float(svg.group(2)) > 100
        assert len(re.findall(r"<path ", figure)) >= 5
        assert "<text" in figure or "<g id=\"text_" in figure

    shot = tmp_path / "report.png"
    result = chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,2400",
                      "--hide-scrollbars")
    assert result.returncode == 0 and console_messages(result.stderr) == []
    pixels = matplotlib.image.imread(shot)
    assert pixels.shape[0] == 2400 and pixels.shape[1] == 1280
    ink = (pixels[..., :3].min(axis=2) < 0.9).mean()  # share of pixels that are not white
    assert ink > 0.03, f"the page looks blank ({ink:.1%} of its pixels are not white)"
