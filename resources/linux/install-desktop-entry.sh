#!/bin/sh
# Add Consensus Map to this user's application menu, with its icon, and make double-clicking
# a .dealmap file open it. Run it from the unpacked bundle; run it again after moving the
# folder. `install-desktop-entry.sh --uninstall` takes it all out again. Nothing needs root.
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
res="$here/_internal/resources"
id=consensus-map
mime=application/x-consensus-map-deal
sizes="16 24 32 48 64 128 256 512"

refresh() {
    # Each tool is optional: without it the desktop picks the change up at next login.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$data/applications" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f "$data/icons/hicolor" >/dev/null 2>&1 || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data/applications/$id.desktop" "$data/mime/packages/$id.xml" \
        "$data/icons/hicolor/scalable/apps/$id.svg"
    for size in $sizes; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/$id.png" \
            "$data/icons/hicolor/${size}x${size}/mimetypes/application-x-consensus-map-deal.png"
    done
    refresh
    echo "Removed Consensus Map from the menus of $(id -un)."
    exit 0
fi

if [ ! -x "$here/$id" ]; then
    echo "install-desktop-entry.sh: run it from the unpacked Consensus Map folder" >&2
    exit 1
fi

mkdir -p "$data/applications" "$data/mime/packages" "$data/icons/hicolor/scalable/apps"
for size in $sizes; do
    for kind in apps mimetypes; do
        mkdir -p "$data/icons/hicolor/${size}x${size}/$kind"
    done
    cp "$res/icons/$id-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$id.png"
    cp "$res/icons/$id-$size.png" \
        "$data/icons/hicolor/${size}x${size}/mimetypes/application-x-consensus-map-deal.png"
done
cp "$res/icon.svg" "$data/icons/hicolor/scalable/apps/$id.svg"
cp "$res/linux/$id.xml" "$data/mime/packages/$id.xml"
# The desktop entry runs this folder's program, quoted as the Desktop Entry spec asks (the
# path may hold spaces; \ " ` $ take a backslash, and each backslash is doubled again).
escaped="$(printf '%s' "$here/$id" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g')"
{
    grep -v '^Exec=' "$res/linux/$id.desktop"
    printf 'Exec="%s" %%f\n' "$escaped"
} >"$data/applications/$id.desktop"
refresh
if command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default "$id.desktop" "$mime" >/dev/null 2>&1 || true
fi
echo "Consensus Map is in the application menu; .dealmap files open with $here/$id"
