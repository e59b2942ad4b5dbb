"""Charts of a document drawn with matplotlib (Agg, no display), as PNG for DOCX and HTML/PDF.
Only draws the numbers the builder put in the `Chart`; computes nothing.

Drawing is most of a chart-heavy document's rendering time, so each distinct picture is drawn
once: `png()` keeps it in memory (this process) and under var/cache/charts (every process),
keyed by a digest of what decides the picture. DOCX and PDF use the same resolution and so
the same file; a document rendered again after a narrative edit redraws nothing.

A document with new numbers has all its charts to draw (~90 ms of CPU each): `prepare()` draws
them before the renderer asks, in parallel on the machine's other cores when it is safe to
fork (see `_workers`)."""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from matplotlib.transforms import offset_copy  # noqa: E402

from sakip.common import filecache  # noqa: E402
from sakip.documents.model import Chart  # noqa: E402
from sakip.rules.numbers import format_number  # noqa: E402

#: Sober colours that survive black-and-white printing (dark, mid, light).
PALETTE = ["#1f4e79", "#c55a11", "#7f7f7f", "#548235", "#bf9000", "#2e75b6"]
WIDTH_IN = 6.3
HEIGHT_IN = 3.2
#: One resolution for every format, so that DOCX and PDF share each drawn picture.
DPI = 200
MEMORY_ENTRIES = 256  # ~30 MB at most
DISK_ENTRIES = 5000
_memory: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()
_CODE_DIGEST = hashlib.sha256(
    Path(__file__).read_bytes() + matplotlib.__version__.encode()).hexdigest()[:16]


def _axis_label(value: float, _pos: object) -> str:
    number = Decimal(str(round(value, 6)))
    places = 0 if number == number.to_integral_value() else None
    return format_number(number, places)


def _value_label(value: Decimal) -> str:
    """A figure as the tables print it: rounded half-up to 2 decimals, Indonesian style."""
    if value == value.to_integral_value():
        return format_number(value, 0)
    return format_number(value, 2)


def _shorten(label: str, limit: int = 34) -> str:
    """At most two lines of `limit` characters; longer names end with "…"."""
    lines = textwrap.wrap(label, limit) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: limit - 1].rstrip() + "…"]
    return "\n".join(lines)


def _other_value(chart: Chart, i: int, position: int) -> Decimal | None:
    """With exactly two series: the other series' value at `position` (None otherwise)."""
    if len(chart.series) != 2:
        return None
    values = chart.series[1 - i].values
    return values[position] if position < len(values) else None


def figure(chart: Chart) -> Figure:
    n_categories = max(len(chart.categories), 1)
    height = HEIGHT_IN
    if chart.kind == "barh":
        height = max(HEIGHT_IN, 0.42 * n_categories + 1.0)
    fig = Figure(figsize=(WIDTH_IN, height), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.spines[["top", "right"]].set_visible(False)
    labels = [_shorten(c) for c in chart.categories]
    positions = list(range(len(labels)))
    n_series = max(len(chart.series), 1)
    if chart.kind == "line":
        for i, series in enumerate(chart.series):
            points = [(p, v) for p, v in zip(positions, series.values, strict=False) if v is not None]
            xs = [p for p, _ in points]
            ys = [float(v) for _, v in points]
            colour = PALETTE[i % len(PALETTE)]
            ax.plot(xs, ys, marker="o", color=colour, label=series.name)
            # Value labels: plain texts shifted by a fixed offset (the look of annotate with
            # textcoords="offset points", at a fraction of its drawing cost). With two series
            # each label goes on the side away from the other line, so they never overlap.
            below = offset_copy(ax.transData, fig=fig, x=0, y=-11, units="points")
            above = offset_copy(ax.transData, fig=fig, x=0, y=6, units="points")
            for x, (p, v) in zip(xs, points, strict=True):
                other = _other_value(chart, i, p)
                down = (v < other or (v == other and i == 0)) if other is not None else (
                    i == 0 and len(chart.series) > 1)
                ax.text(x, float(v), _value_label(v), transform=below if down else above,
                        ha="center", fontsize=7, color=colour)
        ax.set_xticks(positions, labels)
        ax.margins(y=0.2)
    else:
        width = 0.8 / n_series
        for i, series in enumerate(chart.series):
            offset = (i - (n_series - 1) / 2) * width
            pos = [p + offset for p in positions]
            vals = [float(v) if v is not None else 0.0 for v in series.values]
            colour = PALETTE[i % len(PALETTE)]
            if chart.kind == "barh":
                bars = ax.barh(pos, vals, height=width, color=colour, label=series.name)
            else:
                bars = ax.bar(pos, vals, width=width, color=colour, label=series.name)
            texts = [_value_label(v) if v is not None else "–" for v in series.values]
            ax.bar_label(bars, labels=texts, fontsize=7, padding=2)
        if chart.kind == "barh":
            ax.set_yticks(positions, labels)
            ax.invert_yaxis()
            ax.xaxis.set_major_formatter(FuncFormatter(_axis_label))
            ax.margins(x=0.15)
            if chart.y_label:
                ax.set_xlabel(chart.y_label, fontsize=8)
        else:
            ax.set_xticks(positions, labels)
            ax.margins(y=0.15)
    if chart.kind != "barh":
        ax.yaxis.set_major_formatter(FuncFormatter(_axis_label))
        if chart.y_label:
            ax.set_ylabel(chart.y_label, fontsize=8)
        if len(labels) > 4 and max((len(x) for x in chart.categories), default=0) > 10:
            for tick in ax.get_xticklabels():
                tick.set_rotation(20)
                tick.set_horizontalalignment("right")
    ax.tick_params(labelsize=7)
    legend = len(chart.series) > 1
    if legend:
        # One row above the plot: never over the data, and no search for the "best" corner
        # (that search was a sixth of the drawing time).
        ax.legend(fontsize=7, frameon=False, loc="lower left", bbox_to_anchor=(0.0, 1.0),
                  ncol=len(chart.series), borderaxespad=0.2)
    # Fixed margins instead of tight_layout: the latter draws the figure once more.
    if chart.kind == "barh":
        fig.subplots_adjust(left=0.4, right=0.95, top=1 - 0.3 / height if legend else 0.98,
                            bottom=0.7 / height)
    else:
        rotated = len(labels) > 4 and max((len(x) for x in chart.categories), default=0) > 10
        fig.subplots_adjust(left=0.1, right=0.98, top=0.9 if legend else 0.95,
                            bottom=0.3 if rotated else 0.13)
    return fig


def draw_png(chart: Chart, dpi: int = DPI) -> bytes:
    """Draw the chart now (no cache)."""
    out = io.BytesIO()
    # Light compression: the file is re-compressed inside the DOCX/PDF anyway.
    figure(chart).savefig(out, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return out.getvalue()


def png(chart: Chart, dpi: int = DPI) -> bytes:
    """The chart as PNG, drawn once per distinct content: the same numbers drawn by the same
    code give the same picture, whichever document, format or process asks for it."""
    key = cache_key(chart, dpi)
    with _lock:
        found = _memory.get(key)
        if found is not None:
            _memory.move_to_end(key)
            return found
    data = _read_disk(key)
    if data is None:
        data = draw_png(chart, dpi)
        _write_disk(key, data)
    _remember(key, data)
    return data


@dataclass(frozen=True)
class Prepared:
    """What `prepare` did: pictures found in a cache, drawn here, drawn by other processes."""

    cached: int = 0
    drawn_here: int = 0
    drawn_elsewhere: int = 0


def _workers(pending: int) -> int:
    """How many other processes may draw: one per spare core (at most 3, SAKIP_CHART_WORKERS
    overrides), and none when forking is unsafe. A forked child inherits every lock as it
    was, so a process with other threads running (the web server's) draws in its own thread;
    the child only draws and leaves with os._exit, touching none of the parent's connections."""
    if pending < 2 or threading.active_count() > 1:
        return 0
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    setting = os.environ.get("SAKIP_CHART_WORKERS", "").strip()
    if setting:
        try:
            wanted = max(int(setting), 0)
        except ValueError:
            wanted = 0
    else:
        wanted = min((os.cpu_count() or 1) - 1, 3)
    return min(wanted, pending - 1)


def _draw_elsewhere(chart: Chart, dpi: int) -> bytes:
    return draw_png(chart, dpi)


def prepare(charts: Iterable[Chart], dpi: int = DPI) -> Prepared:
    """Make sure every chart is in the memory cache, drawing the missing ones now: the other
    processes take them from the front of the list, this one from the back, so both are busy
    until the list is done. The pictures are the same as `png()` would draw one by one."""
    pending: dict[str, Chart] = {}
    cached = 0
    for chart in charts:
        key = cache_key(chart, dpi)
        if key in pending:
            continue
        with _lock:
            known = key in _memory
        if known:
            cached += 1
            continue
        data = _read_disk(key)
        if data is not None:
            _remember(key, data)
            cached += 1
            continue
        pending[key] = chart
    items = list(pending.items())
    workers = _workers(len(items))
    if workers == 0:
        for key, chart in items:
            _store(key, draw_png(chart, dpi))
        return Prepared(cached=cached, drawn_here=len(items))
    here = 0
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures: list[Future[bytes]] = [pool.submit(_draw_elsewhere, chart, dpi) for _, chart in items]
        for (key, chart), future in zip(reversed(items), reversed(futures), strict=True):
            if future.cancel():  # not started by another process yet: draw it here
                _store(key, draw_png(chart, dpi))
                here += 1
        for (key, _), future in zip(items, futures, strict=True):
            if not future.cancelled():
                _store(key, future.result())
    return Prepared(cached=cached, drawn_here=here, drawn_elsewhere=len(items) - here)


def _store(key: str, data: bytes) -> None:
    _write_disk(key, data)
    _remember(key, data)


def cache_key(chart: Chart, dpi: int) -> str:
    """A digest of everything that decides the picture: the drawing code (this file and the
    matplotlib version), the size and resolution, and what the chart shows. The caption and
    number are not drawn, so they are not part of it."""
    content = repr((
        _CODE_DIGEST, dpi, chart.kind, chart.y_label, list(chart.categories),
        [(s.name, [None if v is None else str(v) for v in s.values]) for s in chart.series],
    ))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _remember(key: str, data: bytes) -> None:
    with _lock:
        _memory[key] = data
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_ENTRIES:
            _memory.popitem(last=False)


def cache_dir() -> Path | None:
    """var/cache/charts under SAKIP_HOME; None when disabled (SAKIP_CHART_CACHE=0)."""
    return filecache.folder("charts", "SAKIP_CHART_CACHE")


def _read_disk(key: str) -> bytes | None:
    folder = cache_dir()
    return None if folder is None else filecache.read(folder / f"{key}.png", b"\x89PNG")


def _write_disk(key: str, data: bytes) -> None:
    folder = cache_dir()
    if folder is not None:
        filecache.write(folder / f"{key}.png", data, DISK_ENTRIES)


def clear_memory() -> None:
    with _lock:
        _memory.clear()


def svg(chart: Chart) -> str:
    out = io.StringIO()
    figure(chart).savefig(out, format="svg")
    text = out.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def size_inches(chart: Chart) -> tuple[float, float]:
    """The drawing's size, without drawing it (the same rule as `figure`)."""
    if chart.kind == "barh":
        return WIDTH_IN, max(HEIGHT_IN, 0.42 * max(len(chart.categories), 1) + 1.0)
    return WIDTH_IN, HEIGHT_IN
