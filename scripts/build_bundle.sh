#!/usr/bin/env bash
# Build the one-folder bundle from a clean tree, then check it with no Python on PATH.
#
#   scripts/build_bundle.sh                 build dist/consensus-map, then check it
#   scripts/build_bundle.sh --check-only    check an existing dist/consensus-map
#   DIST=/somewhere scripts/build_bundle.sh put the bundle in /somewhere/consensus-map
#
# Needs only Python 3.11+ (python3, or $PYTHON) and the network to PyPI: the build gets its
# own venv with the app's runtime dependencies and a pinned PyInstaller. "Clean tree": the
# files git tracks (as they are in the working tree), copied to a temporary folder, so no
# venv, build folder or __pycache__ of the checkout can leak into the bundle.
#
# The checks run the bundled program with an empty environment (PATH=/nonexistent, no
# DISPLAY, HOME in a temporary folder), as on a machine with no Python at all:
#   --version; import of the sample JSON; check; risks --json; plan --json; export to JSON;
#   export to PDF and PNG (reported "skipped" while the CLI answers that the format is not
#   available, never "passed"); the app opening its window offscreen and closing with
#   status 0; and the Linux desktop entry installing into a temporary XDG_DATA_HOME.
# Each check prints PASS, SKIP or FAIL; the script exits 1 if any failed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
PYINSTALLER_VERSION="6.22.3"
DIST="${DIST:-$ROOT/dist}"
APP_DIR="$DIST/consensus-map"
APP="$APP_DIR/consensus-map"
CHECK_ONLY=0
[ "${1:-}" = "--check-only" ] && CHECK_ONLY=1

WORK="$(mktemp -d "${TMPDIR:-/tmp}/consensus-map-build.XXXXXX")"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

phase_start=$SECONDS
phase() {
    echo "== $1 ($((SECONDS - phase_start)) s so far)"
}

# ---------------------------------------------------------------------------- build
VENV="$WORK/venv"
if [ "$CHECK_ONLY" = 0 ]; then
    phase "clean tree"
    SRC="$WORK/src"
    mkdir -p "$SRC"
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        # Tracked files only, less any deleted in the working tree (GNU and BSD tar alike).
        (cd "$ROOT" && git ls-files -z --cached --exclude-standard | tr '\0' '\n' |
            while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
            tar -cf - -T -) | tar -xf - -C "$SRC"
    else
        # A source archive: everything but what a build or a venv leaves behind.
        (cd "$ROOT" && tar --exclude=.venv --exclude=build --exclude=dist \
            --exclude=__pycache__ --exclude='*.egg-info' -cf - .) | tar -xf - -C "$SRC"
    fi

    # PyInstaller on Linux reads binaries with objdump and strips them with strip (binutils).
    if [ "$(uname -s)" = Linux ] && ! command -v objdump >/dev/null 2>&1; then
        if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
            apt-get update -qq && apt-get install -y -qq binutils >/dev/null
        else
            echo "PyInstaller needs binutils (objdump, strip): install it, e.g." \
                "sudo apt-get install binutils" >&2
            exit 1
        fi
    fi

    phase "build venv (runtime dependencies + PyInstaller $PYINSTALLER_VERSION)"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "$SRC" "pyinstaller==$PYINSTALLER_VERSION"

    phase "pyinstaller build.spec"
    rm -rf "$APP_DIR"
    (cd "$SRC" && "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
        --distpath "$DIST" --workpath "$WORK/build" build.spec)
    CHECK_PY="$VENV/bin/python"
else
    [ -x "$APP" ] || { echo "no bundle at $APP: build it first" >&2; exit 1; }
    CHECK_PY="$PYTHON"
fi

phase "size by component"
"$CHECK_PY" "$ROOT/scripts/bundle_size.py" "$APP_DIR"
TOTAL_MB=$("$CHECK_PY" -c "import sys; from pathlib import Path; \
print(round(sum(p.stat().st_size for p in Path(sys.argv[1]).rglob('*') \
if p.is_file() and not p.is_symlink()) / 1e6, 1))" "$APP_DIR")

# ---------------------------------------------------------------------------- checks
phase "checks, with no Python on PATH"
CASE="$WORK/checks"
mkdir -p "$CASE/home"
FAILED=0
pass() { echo "PASS  $1"; }
skip() { echo "SKIP  $1"; }
fail() { echo "FAIL  $1"; FAILED=1; }

# The bundled program with an empty environment: nothing from this shell, no display.
bundled() {
    env -i PATH=/nonexistent HOME="$CASE/home" LANG=C.UTF-8 \
        CONSENSUS_MAP_DATA_DIR="$CASE/data" CONSENSUS_MAP_TODAY=2026-12-01 "$@"
}
# Runs the bundle with arguments; leaves stdout, stderr and status in OUT, ERR, STATUS.
run() {
    set +e
    bundled "$APP" "$@" >"$CASE/out" 2>"$CASE/err"
    STATUS=$?
    set -e
    OUT="$(cat "$CASE/out")"
    ERR="$(cat "$CASE/err")"
}

if env -i PATH=/nonexistent sh -c 'command -v python3 || command -v python' >/dev/null 2>&1; then
    fail "the check environment still finds a Python"
fi

WANT_VERSION="$("$CHECK_PY" - "$ROOT/pyproject.toml" <<'EOF'
import sys, tomllib
print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])
EOF
)"
run --version
if [ "$STATUS" = 0 ] && [ "$OUT" = "consensus-map $WANT_VERSION" ]; then
    pass "--version: $OUT"
else
    fail "--version: status $STATUS, '$OUT' (wanted 'consensus-map $WANT_VERSION') $ERR"
fi

DEAL="$CASE/sample.dealmap"
run import "$APP_DIR/_internal/resources/sample-deal.json" "$DEAL"
if [ "$STATUS" = 0 ] && [ -s "$DEAL" ]; then pass "import of the bundled sample JSON: $OUT"
else fail "import: status $STATUS $ERR"; fi

run check "$DEAL"
if [ "$STATUS" = 0 ] && grep -q "integrity: ok" <<<"$OUT"; then pass "check: integrity ok"
else fail "check: status $STATUS $ERR"; fi

run risks "$DEAL" --json
if [ "$STATUS" = 0 ] && "$CHECK_PY" -c '
import json, sys
risks = json.loads(sys.stdin.read())
people, sinkers, p = risks["stakeholders"], risks["sinkers"], risks["consensus_probability"]
assert 0 <= p <= 1 and sinkers and people
print(f"risks --json: {len(people)} people, {len(sinkers)} sinkers, consensus {p:.3f}")
' <<<"$OUT" >"$CASE/summary"; then
    pass "$(cat "$CASE/summary")"
else
    fail "risks --json: status $STATUS $ERR"
fi

run plan "$DEAL" --meetings 3 --json
if [ "$STATUS" = 0 ] && grep -q '"steps"' <<<"$OUT"; then pass "plan --meetings 3 --json"
else fail "plan: status $STATUS $ERR"; fi

run export "$DEAL" "$CASE/round-trip.json"
if [ "$STATUS" = 0 ] && grep -q '"consensus-map/deal"' "$CASE/round-trip.json"; then
    pass "export to JSON"
else
    fail "export to JSON: status $STATUS $ERR"
fi

# PDF and PNG: painted by Qt with no display. Until the CLI supports them it answers with
# status 1 and says so: that is a skip, not a pass.
for format in pdf png; do
    target="$CASE/map.$format"
    run export "$DEAL" "$target"
    case "$format" in
        pdf) magic='%PDF-' ;;
        png) magic=$'\x89PNG' ;;
    esac
    if [ "$STATUS" = 0 ] && [ -s "$target" ] && [ "$(head -c ${#magic} "$target")" = "$magic" ]; then
        pass "export to $format ($(wc -c <"$target") bytes)"
    elif [ "$STATUS" = 1 ] && grep -qiE "not (yet )?(available|supported)|unknown|cannot export" \
        <<<"$ERR"; then
        skip "export to $format not available in this build (the CLI says: ${ERR#consensus-map: })"
    else
        fail "export to $format: status $STATUS, ${ERR:-no message}"
    fi
done

# `timeout` is GNU coreutils (macOS has it as gtimeout, if at all): a hung window fails the
# check instead of hanging the script where it exists.
TIMEOUT=""
for t in timeout gtimeout; do
    if command -v "$t" >/dev/null 2>&1; then TIMEOUT="$t 120"; break; fi
done

# The window: offscreen, quits itself once the window is first exposed (the benchmark hook)
# and must exit 0 with nothing on stderr but Qt's own notices.
for what in "sample" "file"; do
    args=()
    [ "$what" = file ] && args=("$DEAL")
    set +e
    $TIMEOUT env -i PATH=/nonexistent HOME="$CASE/home" LANG=C.UTF-8 \
        QT_QPA_PLATFORM=offscreen CONSENSUS_MAP_BENCH_EXIT=1 \
        CONSENSUS_MAP_DATA_DIR="$CASE/data-$what" "$APP" "${args[@]}" \
        >"$CASE/out" 2>"$CASE/err"
    STATUS=$?
    set -e
    shown="$(grep -m1 '^startup_seconds' "$CASE/out" | cut -d' ' -f2 || true)"
    if [ "$STATUS" = 0 ] && [ -n "$shown" ] && ! grep -qiE "traceback|error|fatal" "$CASE/err"; then
        pass "window (offscreen, $what deal) shown after ${shown}s and closed with status 0"
    else
        fail "window ($what): status $STATUS, $(tail -c 400 "$CASE/err")"
    fi
done

if [ -x "$APP_DIR/install-desktop-entry.sh" ]; then
    XDG="$CASE/xdg"
    if env -i PATH=/usr/bin:/bin HOME="$CASE/home" XDG_DATA_HOME="$XDG/data" \
        XDG_CONFIG_HOME="$XDG/config" "$APP_DIR/install-desktop-entry.sh" >/dev/null &&
        [ -f "$XDG/data/applications/consensus-map.desktop" ] &&
        [ -f "$XDG/data/mime/packages/consensus-map.xml" ] &&
        [ -f "$XDG/data/icons/hicolor/256x256/apps/consensus-map.png" ] &&
        grep -q "^Exec=\"$APP\" %f$" "$XDG/data/applications/consensus-map.desktop"; then
        if command -v desktop-file-validate >/dev/null 2>&1; then
            if desktop-file-validate "$XDG/data/applications/consensus-map.desktop"; then
                pass "desktop entry, MIME type and icons install (desktop-file-validate: ok)"
            else
                fail "desktop entry does not validate"
            fi
        else
            pass "desktop entry, MIME type and icons install (desktop-file-validate not installed)"
        fi
    else
        fail "install-desktop-entry.sh"
    fi
fi

phase "done"
echo "bundle: $APP_DIR, ${TOTAL_MB} MB unpacked"
if [ "$FAILED" != 0 ]; then
    echo "some checks failed" >&2
    exit 1
fi
