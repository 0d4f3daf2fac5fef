"""Ingest speed of this checkout against a baseline checkout, in the same run.

    python bench/ingest_ab.py BASELINE_KAMERGRAAF [--docs 300] [--runs 5]

BASELINE_KAMERGRAAF is the `kamergraaf` command of another install (e.g. a venv made from a git
worktree of the commit to compare with). Both build the same generated corpus (bench/corpus.py)
into fresh stores, in turn (A B A B …), so that drift of the machine's speed falls on both; the
median of the pairwise ratios is reported, with PDF reading separately (MB/s of the corpus PDF).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CURRENT = Path(sys.executable).parent / "kamergraaf"


def build_seconds(kamergraaf: Path, corpus: Path, work: Path) -> float:
    store = work / "store"
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([str(kamergraaf), "build", "--store", str(store), str(corpus)], check=True, capture_output=True)
    return time.perf_counter() - started


def pdf_megabytes_per_second(runs: int) -> tuple[float, float]:
    from kamergraaf.extract.readers import read_document

    pdf = ROOT / "tests/fixtures/corpus/motie-21501-02-3121-ceder-gaza.pdf"
    size = pdf.stat().st_size
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(20):
            read_document(pdf)
        samples.append(20 * size / 1e6 / (time.perf_counter() - started))
    return statistics.median(samples), size / 1e3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("baseline", type=Path)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        subprocess.run([sys.executable, str(ROOT / "bench/corpus.py"), str(args.docs), str(corpus)], check=True,
                       capture_output=True)
        megabytes = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
        build_seconds(CURRENT, corpus, work)  # warm-up: file cache, imports compiled
        build_seconds(args.baseline, corpus, work)
        pairs = []
        for _ in range(args.runs):
            current = build_seconds(CURRENT, corpus, work)
            baseline = build_seconds(args.baseline, corpus, work)
            pairs.append((current, baseline))
    ratios = [c / b for c, b in pairs]
    current, baseline = statistics.median(c for c, _ in pairs), statistics.median(b for _, b in pairs)
    pdf_rate, pdf_kb = pdf_megabytes_per_second(args.runs)
    print(f"corpus: {args.docs} generated documents, {megabytes:.2f} MB of text; {args.runs} paired runs")
    print(f"build, this checkout: median {current:.2f} s ({megabytes / current:.2f} MB/s)")
    print(f"build, baseline:      median {baseline:.2f} s ({megabytes / baseline:.2f} MB/s)")
    print(f"ratio this/baseline:  median {statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})")
    print(f"PDF reading: {pdf_rate:.2f} MB/s of PDF (a {pdf_kb:.0f} kB Tweede Kamer motion, read 20 times a run)")


if __name__ == "__main__":
    main()
