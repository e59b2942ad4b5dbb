"""Charts of a document drawn with matplotlib (Agg, no display), as PNG for DOCX and SVG for
HTML/PDF. Only draws the numbers the builder put in the `Chart`; computes nothing."""

from __future__ import annotations

import io
import textwrap
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from sakip.documents.model import Chart  # noqa: E402
from sakip.rules.numbers import format_number  # noqa: E402

#: Sober colours that survive black-and-white printing (dark, mid, light).
PALETTE = ["#1f4e79", "#c55a11", "#7f7f7f", "#548235", "#bf9000", "#2e75b6"]
WIDTH_IN = 6.3
HEIGHT_IN = 3.2


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
            # the first series' labels below the points, the others above: no overlap
            text_at = (0, -11) if i == 0 and len(chart.series) > 1 else (0, 6)
            for x, (_, v) in zip(xs, points, strict=True):
                ax.annotate(_value_label(v), (x, float(v)), textcoords="offset points",
                            xytext=text_at, ha="center", fontsize=7, color=colour)
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
    if len(chart.series) > 1:
        ax.legend(fontsize=7, frameon=False)
    # Fixed margins instead of tight_layout: the latter draws the figure once more.
    if chart.kind == "barh":
        fig.subplots_adjust(left=0.4, right=0.95, top=0.98, bottom=0.7 / height)
    else:
        rotated = len(labels) > 4 and max((len(x) for x in chart.categories), default=0) > 10
        fig.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=0.3 if rotated else 0.13)
    return fig


def png(chart: Chart, dpi: int = 150) -> bytes:
    out = io.BytesIO()
    # Light compression: the file is re-compressed inside the DOCX/PDF anyway.
    figure(chart).savefig(out, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return out.getvalue()


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
