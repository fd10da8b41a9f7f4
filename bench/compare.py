"""Compare bench runs of two scales (or of code before and after): for every page and reader,
the queries and the median over the runs of each side's p95, and their ratio.

    python -m bench.run --scale L --skip-load --out bench-results/L-1.json   (and so on,
    alternating the two sides so that both meet the same machine)
    python -m bench.compare bench-results/L-*.json --against bench-results/XL-*.json

Pages whose query count differs, or whose p95 grew more than --limit times, are marked.
"""

import argparse
import json
import statistics
from pathlib import Path

# The page's own row is the administrator's (a staff page's: its clerk or officer's); the
# officer's and the public's are nested in it.
READERS = ("staff", "officer", "public")


def rows(run: dict, page: str, reader: str) -> dict | None:
    """A page's row for a reader, None where the run has none."""
    row = run["pages"].get(page)
    if row is not None and reader != "staff":
        row = row.get(reader)
    return row if row and "p95_ms" in row else None


def compare(before: list[dict], after: list[dict], limit: float) -> list[str]:
    lines = [
        f"{'page':30} {'reader':8} {'queries':>9} {'p95 before':>11} {'p95 after':>10} {'ratio':>6}"
    ]
    for page in before[0]["pages"]:
        for reader in READERS:
            first = [rows(run, page, reader) for run in before]
            second = [rows(run, page, reader) for run in after]
            if not all(first) or not all(second):
                continue
            p95_before = statistics.median(row["p95_ms"] for row in first)
            p95_after = statistics.median(row["p95_ms"] for row in second)
            ratio = p95_after / p95_before
            queries = f"{first[0]['queries']}→{second[0]['queries']}"
            mark = " <" if ratio > limit or first[0]["queries"] != second[0]["queries"] else ""
            lines.append(
                f"{page:30} {reader:8} {queries:>9} {p95_before:>11.1f} {p95_after:>10.1f}"
                f" {ratio:>6.2f}{mark}"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("before", nargs="+", help="the first side's runs (JSON files)")
    parser.add_argument("--against", nargs="+", required=True, help="the second side's runs")
    parser.add_argument("--limit", type=float, default=1.3, help="the growth allowed (1.3)")
    args = parser.parse_args()
    before = [json.loads(Path(f).read_text()) for f in args.before]
    after = [json.loads(Path(f).read_text()) for f in args.against]
    print("\n".join(compare(before, after, args.limit)))


if __name__ == "__main__":
    main()
