"""The app needs neither numpy nor scipy: the frozen bundle leaves them out (~115 MB).

Run in a child process with both imports blocked, as on a machine where they are not
installed (sqlite-utils uses numpy only if it finds it).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import importlib.abc, sys

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("numpy", "scipy"):
                raise ImportError(f"{name} is blocked")
            return None

    sys.meta_path.insert(0, Block())
    from pathlib import Path
    from consensus_map.analysis import analyze, engagement_plan
    from consensus_map.interchange import load_json_file
    from consensus_map.layout import influence_layout, org_chart
    from consensus_map.store import create_deal_file, read_deal

    deal = load_json_file(Path(sys.argv[1]) / "resources" / "sample-deal.json")
    create_deal_file(Path(sys.argv[2]) / "sample.dealmap", deal)
    deal = read_deal(Path(sys.argv[2]) / "sample.dealmap")
    assert len(influence_layout(deal)) == len(org_chart(deal)) == len(deal)
    analyze(deal)
    engagement_plan(deal, 3)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "scipy"))
    print("loaded:", loaded)
    """
)


def test_file_analysis_and_both_layouts_work_without_numpy_or_scipy(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT), str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "loaded: []"
