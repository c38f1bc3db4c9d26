"""Check that this checkout's analysis commands print exactly what another build prints.

    .venv/bin/python scripts/same_output.py REFERENCE_COMMAND [--size N]

REFERENCE_COMMAND is another install's `consensus-map` (e.g. /work/main/.venv/bin/consensus-map).
For a speed change that must not move a single byte: runs `risks`, `risks --json`,
`risks --json --engage`, `plan` and `plan --json` with both on the sample deal and on
generated account and company maps (benchmarks/account_maps.py, up to --size people), with
the same CONSENSUS_MAP_TODAY, and reports any difference. Exit status 1 when one differs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reference", help="the other build's consensus-map command")
    parser.add_argument("--size", type=int, default=5000)
    args = parser.parse_args()

    from account_maps import account_map, company_map

    from consensus_map.store import create_deal_file

    ours = [sys.executable, "-m", "consensus_map"]
    env = {**os.environ, "CONSENSUS_MAP_TODAY": "2026-12-01"}
    deals = {
        "account-50": account_map(50, seed=5, extra_ties=3.0),
        "account-200": account_map(200, seed=3),
        "company-800": company_map(800, seed=11),
        f"account-{args.size}": account_map(args.size),
        f"company-{args.size}": company_map(args.size, seed=2),
    }
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        files: list[Path] = []
        sample = Path(tmp) / "sample.dealmap"
        subprocess.run(
            [*ours, "import", str(ROOT / "resources" / "sample-deal.json"), str(sample)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        files.append(sample)
        for name, deal in deals.items():
            path = Path(tmp) / f"{name}.dealmap"
            create_deal_file(path, deal)
            files.append(path)
        for path in files:
            first = "dana" if path == sample else "p1"
            for command in (
                ["risks", str(path)],
                ["risks", "--json", str(path)],
                ["risks", "--json", str(path), "--engage", first],
                ["plan", str(path), "--meetings", "5"],
                ["plan", str(path), "--meetings", "3", "--json"],
            ):
                mine = subprocess.run([*ours, *command], env=env, capture_output=True)
                theirs = subprocess.run([args.reference, *command], env=env, capture_output=True)
                same = (mine.returncode, mine.stdout, mine.stderr) == (
                    theirs.returncode,
                    theirs.stdout,
                    theirs.stderr,
                )
                label = " ".join(path.stem if c == str(path) else c for c in command)
                print(f"{'same' if same else 'DIFFERENT':<10} {label} ({len(mine.stdout)} bytes)")
                failed += not same
    print(f"{failed} different" if failed else "all the same")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
