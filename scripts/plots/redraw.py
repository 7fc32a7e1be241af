#!/usr/bin/env python3
"""Redraw relulab's figures with matplotlib, from the data relulab writes beside each one.

Every SVG figure relulab writes (NAME.svg) has its data beside it in NAME.plot.csv, a tidy table with the columns
series, style, color_of, x, y, lo, hi (style: line, dashed, points, band or reference; a band row has lo and hi, a
reference row only y); a bar chart of JMH GEMM results (JmhChart) has series, shape, threads, gflops instead. The
SVG's root carries the title, the axis labels and the scales as data-* attributes.
This script finds every NAME.plot.csv under the folders it is given (recursively) and draws NAME.redrawn.png beside it
(or under --out, keeping the folders' layout), for you to restyle for a paper: edit draw() below.

    python3 scripts/plots/redraw.py results/reproduce/beyond-ntk               # PNGs beside the CSVs
    python3 scripts/plots/redraw.py runs/ --out /tmp/figs --format pdf         # PDFs in /tmp/figs/...

Needs matplotlib (Debian: python3-matplotlib); nothing else. Exit status 0, or 2 with one line on bad arguments.
"""
import argparse
import csv
import math
import sys
import xml.etree.ElementTree as ET
from collections import OrderedDict
from pathlib import Path

SUFFIX = ".plot.csv"
# The colours relulab's SVGs use, in the same order (Okabe-Ito, then Tableau), and its dash patterns.
COLORS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#8c564b", "#9467bd",
          "#bcbd22"]
DASHES = ["-", (0, (7, 3)), (0, (2, 2)), (0, (8, 3, 2, 3))]
REFERENCE_DASHES = [(0, (6, 4)), (0, (2, 3)), (0, (10, 3, 2, 3)), (0, (1, 2)), (0, (12, 4))]
MARKERS = ["o", "s", "^", "D", "v"]
MARKED_POINTS = 20  # a line with at most this many points gets markers, as in the SVG


def number(cell):
    return float(cell) if cell != "" else math.nan


def read_series(csv_path):
    """The series of one figure, in the order they were added: name -> list of (style, color_of, rows)."""
    series = OrderedDict()
    with open(csv_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["series"], row["style"], row["color_of"])
            series.setdefault(key, []).append(
                (number(row["x"]), number(row["y"]), number(row["lo"]), number(row["hi"])))
    return series


def read_labels(svg_path):
    """Title, axis labels and scales from the SVG beside the CSV (defaults where it is missing)."""
    labels = {"title": svg_path.stem, "x-label": "", "y-label": "", "x-scale": "linear", "y-scale": "log",
              "peak-gflops": ""}
    if svg_path.exists():
        root = ET.parse(svg_path).getroot()
        for k in labels:
            labels[k] = root.get("data-" + k, labels[k])
    return labels


def draw_bars(csv_path, labels, plt):
    """JmhChart's bars: one panel per thread count, a group of bars per shape, one bar per implementation."""
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    threads = sorted({int(r["threads"]) for r in rows})
    shapes = list(OrderedDict.fromkeys(r["shape"] for r in rows))
    series = list(OrderedDict.fromkeys(r["series"] for r in rows))
    fig, axes = plt.subplots(len(threads), 1, figsize=(max(6, 0.6 * len(shapes) * len(series)), 3 * len(threads)),
                             squeeze=False)
    width = 0.8 / len(series)
    for ax, t in zip(axes[:, 0], threads):
        for k, name in enumerate(series):
            g = {r["shape"]: float(r["gflops"]) for r in rows if r["series"] == name and int(r["threads"]) == t}
            xs = [i + k * width for i, s in enumerate(shapes) if s in g]
            ax.bar(xs, [g[s] for s in shapes if s in g], width, color=COLORS[k % len(COLORS)], label=name)
        if labels.get("peak-gflops"):
            ax.axhline(float(labels["peak-gflops"]) * t, color="black", ls="--", lw=1, label="FMA peak × threads")
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(shapes))], shapes)
        ax.set_ylabel(f"GFLOP/s, {t} thread{'' if t == 1 else 's'}")
    axes[0, 0].set_title(labels["title"], fontsize=10, wrap=True)
    axes[0, 0].legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return fig


def draw(csv_path, out_path, fmt):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = read_labels(csv_path.with_name(csv_path.name[: -len(SUFFIX)] + ".svg"))
    with open(csv_path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f), [])
    if "shape" in header:
        fig = draw_bars(csv_path, labels, plt)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out_path, format=fmt, bbox_inches="tight", dpi=150)
        plt.close(fig)
        return
    series = read_series(csv_path)
    looks, references = {}, 0
    fig, ax = plt.subplots(figsize=(8, 4.8))
    for (name, style, color_of), rows in series.items():
        if style == "reference":
            continue
        k = looks.setdefault(color_of, len(looks))
        color, dash, marker = COLORS[k % len(COLORS)], DASHES[k // len(COLORS) % len(DASHES)], MARKERS[k % 5]
        xs = [r[0] for r in rows]
        if style == "band":
            ax.fill_between(xs, [r[2] for r in rows], [r[3] for r in rows], color=color, alpha=0.18, lw=0)
        elif style == "points":
            ax.plot(xs, [r[1] for r in rows], ls="none", marker=marker, color=color, label=name)
        else:
            ls = (0, (7, 3)) if style == "dashed" and dash == "-" else dash
            marked = len(rows) <= MARKED_POINTS if style == "line" else len(rows) == 1
            ax.plot(xs, [r[1] for r in rows], ls=ls, color=color, label=name, marker=marker if marked else None)
    for (name, style, _), rows in series.items():
        if style == "reference":
            ax.axhline(rows[0][1], color="#555555", ls=REFERENCE_DASHES[references % len(REFERENCE_DASHES)], lw=1.2,
                       label=name)
            references += 1
    if labels["x-scale"] == "log":
        ax.set_xscale("log")
    if labels["y-scale"] == "log":
        ax.set_yscale("log")
    elif labels["y-scale"] == "unit":
        ax.set_ylim(-0.03, 1.03)
    elif labels["y-scale"] == "linear":
        ax.set_ylim(bottom=0)
    ax.set_xlabel(labels["x-label"] + (" (log scale)" if labels["x-scale"] == "log" else ""))
    ax.set_ylabel(labels["y-label"] + (" (log scale)" if labels["y-scale"] == "log" else ""))
    ax.set_title(labels["title"], fontsize=10, wrap=True)
    ax.grid(True, which="major", color="#e6e6e6")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_path, format=fmt, bbox_inches="tight", dpi=150)
    plt.close(fig)


def main(argv):
    p = argparse.ArgumentParser(description="Redraw relulab figures from their NAME.plot.csv data with matplotlib.")
    p.add_argument("folders", nargs="+", type=Path, help="folders searched recursively for *.plot.csv")
    p.add_argument("--out", type=Path, help="write the figures here, mirroring the folders (default: beside the CSVs)")
    p.add_argument("--format", default="png", choices=["png", "pdf", "svg"], help="the figures' format (png)")
    a = p.parse_args(argv)
    drawn = 0
    for folder in a.folders:
        if not folder.is_dir():
            print(f"redraw.py: {folder} is not a folder (expected folders holding *{SUFFIX} files)", file=sys.stderr)
            return 2
        for csv_path in sorted(folder.rglob("*" + SUFFIX)):
            name = csv_path.name[: -len(SUFFIX)] + ".redrawn." + a.format
            out = (a.out / csv_path.parent.relative_to(folder) / name) if a.out else csv_path.with_name(name)
            draw(csv_path, out, a.format)
            drawn += 1
    print(f"redraw.py: {drawn} figure{'' if drawn == 1 else 's'} drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
