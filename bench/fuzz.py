"""The full-size fuzz campaign (issue 9): thousands of generated and mutated pages, feeds and JSON stories through
extraction, feed ingest, the archive and the API, with the same checks as tests/e2e/test_fuzz.py.

Prints, per kind: inputs, read, refused, crashes, timeouts, the slowest input; then the peak memory of this
process and of the parsing children. Exits 1 when anything crashed or overran its budget.

    python bench/fuzz.py                 # 1,200 inputs (400 of each kind), seed 1
    python bench/fuzz.py --inputs 3000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.fuzz_inputs import BUDGET_SECONDS, KINDS, run_one


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1200, help="inputs in all, split evenly between the kinds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=3, help="failures to print in full")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from newsdesk.archive import open_archive
    from newsdesk.ingest.budget import last_parse
    from newsdesk.web import Settings, create_app

    folder = Path(tempfile.mkdtemp(prefix="newsdesk-fuzz-"))
    archive = open_archive(folder / "fuzz.db")
    client = TestClient(
        create_app(Settings(db=folder / "web.db", background=False)),
        base_url="http://127.0.0.1:8000",
        raise_server_exceptions=False,
    )
    rng = random.Random(args.seed)
    counts: dict[str, Counter] = {kind: Counter() for kind in KINDS}
    slowest: dict[str, tuple[float, int]] = {kind: (0.0, 0) for kind in KINDS}
    failures: list[str] = []
    peak_child_kb = 0
    started = time.monotonic()
    for number in range(args.inputs):
        kind = sorted(KINDS)[number % len(KINDS)]
        data = KINDS[kind](rng)
        outcome, seconds, detail = run_one(kind, data, archive, client)
        counts[kind][outcome] += 1
        peak_child_kb = max(peak_child_kb, last_parse["peak_rss_kb"])
        if seconds > slowest[kind][0]:
            slowest[kind] = (seconds, len(data))
        if outcome in ("crash", "timeout"):
            failures.append(f"{kind} #{number} ({len(data):,} bytes): {outcome} after {seconds:.1f} s\n{detail}")
    elapsed = time.monotonic() - started

    print(f"fuzz: {args.inputs} inputs, seed {args.seed}, {elapsed:.0f} s, budget {BUDGET_SECONDS:g} s per input")
    print(f"{'kind':<6} {'inputs':>6} {'read':>6} {'refused':>8} {'crashes':>8} {'timeouts':>9}  slowest")
    for kind in sorted(KINDS):
        c = counts[kind]
        seconds, size = slowest[kind]
        print(
            f"{kind:<6} {sum(c.values()):>6} {c['ok']:>6} {c['refused']:>8} {c['crash']:>8} {c['timeout']:>9}"
            f"  {seconds:.2f} s ({size:,} bytes)"
        )
    own_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak memory: this process {own_kb / 1024:.0f} MiB, largest parsing child {peak_child_kb / 1024:.0f} MiB")
    for failure in failures[: args.show]:
        print("\n" + failure)
    print(f"\n{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
