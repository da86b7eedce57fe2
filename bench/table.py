"""A benchmark result row and the table the benchmark prints."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    """One line of the result table."""

    measure: str
    ours: float
    baseline: float | None
    unit: str
    target: str
    ok: bool | None

    def cells(self) -> list[str]:
        """The row as table cells."""
        ratio = f"{self.ours / self.baseline:.2f}×" if self.baseline else "–"
        base = f"{_figure(self.baseline)} {self.unit}" if self.baseline is not None else "–"
        verdict = "–" if self.ok is None else ("yes" if self.ok else "NO")
        return [self.measure, f"{_figure(self.ours)} {self.unit}", base, ratio, self.target, verdict]


def _figure(value: float) -> str:
    """Three significant digits, without an exponent (``1,980`` rather than ``1.98e+03``)."""
    return f"{value:.3g}" if abs(value) < 1000 else f"{float(f'{value:.3g}'):,.0f}"


def table_lines(rows: list[Row]) -> list[str]:
    """The rows as a Markdown table, columns padded to their widest cell."""
    header = ["measure", "reader", "baseline", "ratio", "target", "met"]
    table = [header, *[r.cells() for r in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    lines = []
    for i, r in enumerate(table):
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
        if i == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return lines
