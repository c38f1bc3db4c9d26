"""Export speed, measured against baselines in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_export.py [--rounds N]

1. `consensus-map export sample.dealmap OUT.pdf` as a whole process, against a bare process
   that imports PySide6 and paints as many boxes and labels (name, title and status per
   person, a line per tie, the same number of pages) into a QPdfWriter (goal: ≤ 3×).
   Runs alternate; the figure is the median of the per-round ratios.
2. In process: a 300-person account map (generated, laid out as an org chart) to PDF,
   analysis and plan included (goal: under 3 s), with its page count. Then how many pages
   the map, "Who is where" and the review take for that map and for a 300-person company
   chart (a CEO, 8 VPs, teams of 5–40), and the scale the map prints at; beside the map's
   pages, the pages it would take in full detail at its smallest legible scale (the rule
   before the far view printed: names at 6 pt), counted in the same run.
3. In process: the PNG of the 2,000-person account map at the default 2× (goal: under 2 s).
4. In the app: the longest the interface thread is blocked while File → Export writes the
   300-person PDF on its worker thread (a 5 ms timer's largest gap; goal: under 100 ms).
Prints a table; asserts nothing (timings are not tests).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from account_maps import account_map, company_map

from consensus_map.interchange import load_json_file
from consensus_map.store import create_deal_file

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 12, 1)
PYTHON = sys.executable
# The bare process: the same number of boxes, labels, lines and pages, in a QPdfWriter.
BASELINE = """
import sys
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter
people, ties, pages = (int(a) for a in sys.argv[2:5])
app = QGuiApplication([])
writer = QPdfWriter(sys.argv[1])
writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
writer.setPageOrientation(QPageLayout.Orientation.Landscape)
painter = QPainter(writer)
font = QFont()
font.setPixelSize(80)
painter.setFont(font)
for page in range(pages):
    if page:
        writer.newPage()
    for n in range(people):
        x, y = 300 + (n % 5) * 2000, 300 + (n // 5) * 1000
        painter.drawRoundedRect(QRectF(x, y, 1800, 800), 80, 80)
        for row, words in enumerate(("Person name", "Their title", "unengaged")):
            painter.drawText(QRectF(x, y + 100 + row * 200, 1800, 200), Qt.AlignCenter, words)
    for n in range(ties):
        painter.drawLine(300 + n * 100, 300, 2300 + n * 100, 3000)
painter.end()
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one process run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


Figures = tuple[float, float, float]  # ours, baseline, median ratio


def whole_process(rounds: int, folder: Path) -> tuple[Figures, Figures, int]:
    """Wall and CPU: median export and baseline seconds and ratio; the PDF's pages."""
    sample = load_json_file(ROOT / "resources" / "sample-deal.json")
    deal_path = folder / "sample.dealmap"
    create_deal_file(deal_path, sample)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["CONSENSUS_MAP_TODAY"] = TODAY.isoformat()
    out = folder / "sample.pdf"
    export = [PYTHON, "-m", "consensus_map", "export", str(deal_path), str(out)]
    # Warm the disk cache and learn the page count for the baseline.
    subprocess.run(export, check=True, capture_output=True, env=env)
    from pypdf import PdfReader

    pages = len(PdfReader(out).pages)
    baseline = [
        PYTHON,
        "-c",
        BASELINE,
        str(folder / "bare.pdf"),
        str(len(sample)),
        str(len(sample.ties)),
        str(pages),
    ]
    baseline_env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    runs = [(timed(export, env), timed(baseline, baseline_env)) for _ in range(rounds)]

    def figures(kind: int) -> Figures:
        ours = [a[kind] for a, _b in runs]
        bare = [b[kind] for _a, b in runs]
        ratios = [a[kind] / b[kind] for a, b in runs]
        return statistics.median(ours), statistics.median(bare), statistics.median(ratios)

    return figures(0), figures(1), pages


def in_process(folder: Path) -> tuple[tuple[float, float], int, tuple[float, float], str]:
    """(wall, CPU) medians of the 300-person PDF and of the 2,000-person PNG."""
    from consensus_map.report.export import ExportOptions, ensure_gui, export_deal

    ensure_gui()
    import consensus_map.analysis.engine  # noqa: F401  (its import is not the export's cost)

    big = account_map(300, arranged=True)
    options = ExportOptions(today=TODAY)
    done: list[str] = []

    def measured(action: Callable[[], str]) -> tuple[float, float]:
        walls, cpus = [], []
        for _ in range(3):
            start, cpu = time.perf_counter(), time.process_time()
            done.append(action())
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        return statistics.median(walls), statistics.median(cpus)

    pdf = measured(lambda: export_deal(big, folder / "a300.pdf", "account.dealmap", options))
    pages = int(done[-1].split()[0])
    huge = account_map(2000, seed=1, extra_ties=0.5, arranged=True)
    png = measured(lambda: export_deal(huge, folder / "a2000.png", "", options))
    return pdf, pages, png, done[-1]


PageCounts = tuple[str, int, int, int, int, int, float]
# (map; pages: all, map, "Who is where", review; the map's pages in full detail; its lod)


def page_counts(folder: Path) -> list[PageCounts]:
    """Where the pages of each 300-person map's PDF go (A4, landscape)."""
    from pypdf import PdfReader
    from PySide6.QtCore import QRectF

    from consensus_map.render.map import MapPicture
    from consensus_map.report.export import ExportOptions, export_deal
    from consensus_map.report.map_pages import (
        MIN_NAME_PT,
        FirstMapPage,
        MapHeader,
        lod_of,
        map_pages,
        tile_area,
        tiling,
    )
    from consensus_map.report.paper import Sheet

    sheet = Sheet(QRectF(0, 0, 842, 595))
    counts = []
    for name, deal in (
        ("account_map(300, arranged=True)", account_map(300, arranged=True)),
        ("company_map(300, arranged=True)", company_map(300, arranged=True)),
    ):
        target = folder / "pages.pdf"
        export_deal(deal, target, "", ExportOptions(today=TODAY, paper="a4"))
        texts = ["".join(page.extract_text().split()) for page in PdfReader(target).pages]
        index = sum("Whoiswhere" in text for text in texts)
        picture = MapPicture(deal, None)
        pages = map_pages(picture, MapHeader("", "", "", ""), sheet)
        first = pages[0]
        assert isinstance(first, FirstMapPage)
        scale = first.scale if first.tiles is None else first.tiles.scale
        # The rule before the far view printed: parts in full detail, smallest name at 6 pt.
        detail = MIN_NAME_PT / picture.smallest_name_pixels()
        in_detail = 1 + len(tiling(picture, tile_area(sheet), detail).parts)
        review = len(texts) - len(pages) - index
        counts.append((name, len(texts), len(pages), index, review, in_detail, lod_of(scale)))
    return counts


def interface_block(folder: Path) -> tuple[float, float]:
    """Longest gap between 5 ms timer ticks while the app exports the 300-person PDF."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from consensus_map.app.document import Document
    from consensus_map.app.exporting import export_document

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    parent = QWidget()
    document = Document(account_map(300, arranged=True))
    clock = QElapsedTimer()
    gaps: list[float] = []
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    run = export_document(parent, document, folder / "app-300.pdf", 3)
    start = time.perf_counter()
    while not run.done:
        app.processEvents()
        time.sleep(0.001)
    total = time.perf_counter() - start
    timer.stop()
    for box in parent.findChildren(QWidget):
        box.close()
    return max(gaps[1:], default=0.0), total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    # The app's kind of application, for the interface measure; the exports reuse it.
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        wall, cpu, pages = whole_process(args.rounds, folder)
        pdf_300, pages_300, png_2000, png_words = in_process(folder)
        counts = page_counts(folder)
        block, app_total = interface_block(folder)
    del app
    load = os.getloadavg()[0]
    print(f"export benchmark: median of {args.rounds} alternating process runs; in process, 3")
    print(f"(load average {load:.1f} on {os.cpu_count()} CPUs: wall times include waiting)")
    row = "{:<44}{:>9}{:>9}{:>9}{:>9}"
    print(row.format("measure", "ours", "baseline", "ratio", "goal"))
    for name, (ours, bare, ratio) in (("export sample.pdf, process, wall s", wall),
                                       ("export sample.pdf, process, CPU s", cpu)):  # fmt: skip
        print(row.format(name, f"{ours:.2f}", f"{bare:.2f}", f"{ratio:.2f}×", "≤ 3×"))
    print(row.format(f"  ({pages} pages; baseline: boxes+labels)", "", "", "", ""))
    print(row.format("300-person map to PDF, wall s", f"{pdf_300[0]:.2f}", "—", "", "< 3 s"))
    print(row.format("300-person map to PDF, CPU s", f"{pdf_300[1]:.2f}", "—", "", "< 3 s"))
    print(row.format(f"  ({pages_300} pages)", "", "", "", ""))
    print(row.format("PNG of the 2,000-person map, wall s", f"{png_2000[0]:.2f}", "—", "", "< 2 s"))
    print(row.format("PNG of the 2,000-person map, CPU s", f"{png_2000[1]:.2f}", "—", "", "< 2 s"))
    print(f"  ({png_words})")
    print(row.format("app export: longest UI block, ms", f"{block:.0f}", "—", "", "< 100"))
    print(row.format(f"  (the app's 300-person PDF took {app_total:.1f} s)", "", "", "", ""))
    print()
    print("pages of a 300-person map's PDF (A4); 'in full detail': the map's pages when")
    print("it printed in full detail only, at its smallest legible scale (measured here too)")
    pages_row = "{:<34}{:>6}{:>6}{:>7}{:>8}{:>16}{:>7}"
    print(pages_row.format("map", "all", "map", "index", "review", "in full detail", "lod"))
    for name, total, on_map, index, review, detail, lod in counts:
        print(pages_row.format(name, total, on_map, index, review, detail, f"{lod:.2f}"))


if __name__ == "__main__":
    main()
