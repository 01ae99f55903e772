"""Server-side SVG bar charts: a picture that needs no JavaScript and no image library.

Colours come from CSS classes (static/desk.css), so the chart follows the light/dark theme
and needs no inline style (the Content-Security-Policy forbids inline styles).
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from markupsafe import Markup


def fill_days(counts: list[tuple[str, int]], max_span: int = 120) -> list[tuple[str, int]]:
    """Per-day counts with the empty days between first and last filled in as zeros, when the
    span is at most `max_span` days (a wider span would be all gaps; then only days with articles)."""
    if not counts:
        return []
    known = dict(counts)
    try:
        day, last = date.fromisoformat(counts[0][0]), date.fromisoformat(counts[-1][0])
    except ValueError:
        return counts
    if (last - day).days > max_span:
        return counts
    out = []
    while day <= last:
        out.append((day.isoformat(), known.get(day.isoformat(), 0)))
        day += timedelta(days=1)
    return out


def fill_months(counts: list[tuple[str, int]], max_span: int = 600) -> list[tuple[str, int]]:
    """Per-month counts (YYYY-MM) with the empty months between first and last filled in as zeros,
    so bars stand at their place in time: with the gaps left out, the sample corpus's 2006-2026
    chart put 2010-10 where 2009-06 is. Wider than `max_span` months: as given."""
    if not counts:
        return []
    try:
        first, last = (int(counts[0][0][:4]), int(counts[0][0][5:7])), (int(counts[-1][0][:4]), int(counts[-1][0][5:7]))
    except ValueError:
        return counts
    span = (last[0] - first[0]) * 12 + last[1] - first[1]
    if span > max_span or span < 0:
        return counts
    known = dict(counts)
    months = (first[0] * 12 + first[1] - 1 + i for i in range(span + 1))
    return [(f"{m // 12:04d}-{m % 12 + 1:02d}", known.get(f"{m // 12:04d}-{m % 12 + 1:02d}", 0)) for m in months]


MAX_BAR = 48


def bar_chart(points: list[tuple[str, int]], title: str, width: int = 720, height: int = 220) -> Markup:
    """An SVG bar chart (one <title> per bar for hover) with its text alternative: a screen reader
    reads an element of role=img as its label alone (the bars' titles are not read), so the label
    sums the figures up and a table of them follows the picture (`chart_table`)."""
    left, bottom, top = 40, 28, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max((v for _, v in points), default=0) or 1
    bar_w = plot_w / max(len(points), 1)
    label = escape(f"{title}: {chart_summary(points)}")
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{label}"'
             f' xmlns="http://www.w3.org/2000/svg"><title>{label}</title>']
    for tick in _ticks(peak):
        y = top + plot_h * (1 - tick / peak)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    # A bar is at most MAX_BAR wide, centred in its slot: an entity named on one day only had one
    # bar across the whole chart, a red block that read as a fill, not as one day's count.
    drawn = max(min(bar_w * 0.8, MAX_BAR), 1)
    for i, (label, value) in enumerate(points):
        h = plot_h * value / peak
        x = left + i * bar_w + (bar_w - drawn) / 2
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - h:.1f}"'
                     f' width="{drawn:.1f}" height="{h:.1f}">'
                     f'<title>{escape(label)}: {value}</title></rect>')
    positions = _label_positions(len(points))
    for i in positions:
        # The outermost labels hang inwards so they are never clipped by the picture's edge.
        x, anchor = left + (i + 0.5) * bar_w, "middle"
        if len(positions) > 1 and i == positions[0]:
            x, anchor = left + i * bar_w, "start"
        elif len(positions) > 1 and i == positions[-1]:
            x, anchor = left + (i + 1) * bar_w, "end"
        parts.append(f'<text class="axis" x="{x:.1f}" y="{height - 8}" text-anchor="{anchor}">'
                     f'{escape(points[i][0])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts) + chart_table(points, title))


def chart_summary(points: list[tuple[str, int]]) -> str:
    """The figures in a few words: '240 in all; most 40 on 2026-11-30' (the first bar of the most)."""
    if not points:
        return "no figures"
    label, most = max(points, key=lambda p: p[1])
    return f"{sum(v for _, v in points):,} in all; most {most:,} on {label}"


def chart_table(points: list[tuple[str, int]], title: str) -> str:
    """Each bar's figure as a table, folded under a summary (read by screen readers and by anyone who
    wants the numbers the bars only show on hover); bars of 0 are left out, and say so."""
    rows = "".join(f"<tr><th scope=\"row\">{escape(k)}</th><td>{v:,}</td></tr>" for k, v in points if v)
    zeros = " (bars of 0 left out)" if any(not v for _, v in points) else ""
    return (f'<details class="chart-data"><summary>The figures{zeros}</summary><table>'
            f"<caption>{escape(title)}</caption><tbody>{rows}</tbody></table></details>")


def _ticks(peak: int) -> list[int]:
    """Grid lines at whole counts: 0, half the peak (rounded down) and the peak, each drawn at its
    own value. The middle line stood at half the height labelled with half the peak rounded, so
    with a peak of 3 the line marked "2" was at 1.5 and a bar of 2 rose above it."""
    return sorted({0, peak // 2, peak})


def _label_positions(n: int, most: int = 6) -> list[int]:
    if n <= most:
        return list(range(n))
    step = (n - 1) / (most - 1)
    return sorted({round(i * step) for i in range(most)})
