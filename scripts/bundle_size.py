"""Size of a PyInstaller bundle by component: what the megabytes are made of.

    python scripts/bundle_size.py [LABEL=]BUNDLE_DIR ...

With several bundles, prints them side by side (before=old/dist/consensus-map after=...).
Sizes are of the files as unpacked (MB = 1,000,000 bytes; `du` rounds to blocks).
"""

from __future__ import annotations

import sys
from pathlib import Path

# (component, test on the path inside the bundle), first match wins.
COMPONENTS: list[tuple[str, tuple[str, ...]]] = [
    ("numpy", ("numpy/", "numpy.libs/", "numpy-")),
    ("scipy", ("scipy/", "scipy.libs/", "scipy-")),
    ("ICU (Unicode data for QtCore)", ("PySide6/Qt/lib/libicu",)),
    ("Qt libraries", ("PySide6/Qt/lib/",)),
    ("Qt plugins", ("PySide6/Qt/plugins/",)),
    ("Qt translations", ("PySide6/Qt/translations/",)),
    ("PySide6 bindings", ("PySide6/", "shiboken6/")),
    ("Python shared library", ("libpython",)),
    ("Python extension modules", ("python3", "lib-dynload/")),
    ("Python stdlib bootstrap", ("base_library.zip",)),
    ("app resources and metadata", ("resources/", ".dist-info/")),
]


def component(relative: str, top_level_programs: set[str]) -> str:
    if relative in top_level_programs:
        return "programs (bootloader + every Python module)"
    inside = relative.split("/", 1)[1] if relative.startswith("_internal/") else relative
    for name, prefixes in COMPONENTS:
        if any(inside.startswith(p) or f"/{p}" in f"/{inside}" for p in prefixes):
            return name
    if (inside.startswith("lib") and ".so" in inside) or inside.endswith(".dll"):
        return "system libraries"
    return "other"


def sizes(bundle: Path) -> dict[str, int]:
    programs = {p.name for p in bundle.iterdir() if p.is_file() and (p.suffix in ("", ".exe"))} - {
        "install-desktop-entry.sh"
    }
    found: dict[str, int] = {}
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            name = component(path.relative_to(bundle).as_posix(), programs)
            found[name] = found.get(name, 0) + path.stat().st_size
    return found


def main(argv: list[str]) -> int:
    labels = [a.split("=", 1)[0] if "=" in a else a for a in argv[1:]]
    bundles = [Path(a.split("=", 1)[1] if "=" in a else a) for a in argv[1:]]
    if not bundles or not all(b.is_dir() for b in bundles):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    tables = [sizes(b) for b in bundles]
    names = sorted({n for t in tables for n in t}, key=lambda n: -max(t.get(n, 0) for t in tables))
    width = max(len(n) for n in [*names, "total"])
    heads = "".join(f"{label[-22:]:>22}" for label in labels)
    print(f"{'component':<{width}}{heads}")
    for name in names:
        print(f"{name:<{width}}" + "".join(f"{t.get(name, 0) / 1e6:>19.1f} MB" for t in tables))
    print(f"{'total':<{width}}" + "".join(f"{sum(t.values()) / 1e6:>19.1f} MB" for t in tables))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
