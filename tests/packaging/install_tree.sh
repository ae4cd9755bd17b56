#!/usr/bin/env bash
# cmake --install into a scratch DESTDIR: every file where the desktop, man and bash look for it
# and nothing else, each one accepted by its own validator, and both programs answering
# --version with the project's version.
#   install_tree.sh BUILD_DIR VERSION
set -euo pipefail

build=$1
version=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

DESTDIR="$dest" cmake --install "$build" --prefix /usr >/dev/null
root=$dest/usr
id=org.quantscope.QuantScope

expected=$(sort <<LIST
$root/bin/quantscope
$root/bin/quantscope-cli
$root/share/applications/$id.desktop
$root/share/metainfo/$id.metainfo.xml
$root/share/icons/hicolor/scalable/apps/$id.svg
$root/share/mime/packages/$id.xml
$root/share/man/man1/quantscope.1.gz
$root/share/man/man1/quantscope-cli.1.gz
$root/share/bash-completion/completions/quantscope-cli
$root/share/doc/quantscope/README.md
$root/share/doc/quantscope/copyright
LIST
)
installed=$(find "$dest" -type f | sort)
if [ "$installed" != "$expected" ]; then
    fail "installed files differ from the expected list:"
    diff <(echo "$expected") <(echo "$installed") >&2 || true
fi
for program in quantscope quantscope-cli; do
    [ -x "$root/bin/$program" ] || fail "$program is not executable"
done

# The desktop entry, and the names it shares with the icon, the metainfo and the MIME types.
desktop=$root/share/applications/$id.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $id.desktop"
grep -qx "Icon=$id" "$desktop" || fail "the desktop entry does not name the icon $id"
grep -qx "Exec=quantscope %f" "$desktop" || fail "the desktop entry does not open files"
mime=$root/share/mime/packages/$id.xml
claimed=$(sed -n 's/^MimeType=//p' "$desktop" | tr ';' '\n' | sed '/^$/d' | sort)
defined=$(sed -n 's/.*<mime-type type="\([^"]*\)".*/\1/p' "$mime" | sort)
[ -n "$claimed" ] && [ "$claimed" = "$defined" ] ||
    fail "the desktop entry claims [$claimed], the MIME file defines [$defined]"

metainfo=$root/share/metainfo/$id.metainfo.xml
appstreamcli validate --no-net "$metainfo" >/dev/null ||
    fail "appstreamcli rejects $id.metainfo.xml: $(appstreamcli validate --no-net "$metainfo")"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" ||
    fail "the metainfo does not launch $id.desktop"
grep -q "<release version=\"$version\"" "$metainfo" || fail "the metainfo's release is not $version"
[ "$(grep -c '<caption>' "$metainfo")" -eq "$(grep -c '<screenshot[ >]' "$metainfo")" ] ||
    fail "a screenshot of the metainfo has no caption"

xmllint --noout "$root/share/icons/hicolor/scalable/apps/$id.svg" || fail "the icon is not XML"

# The MIME types: well-formed, and compiled by update-mime-database into a database that
# globs .qscope to the session type.
xmllint --noout "$mime" || fail "$id.xml is not well-formed"
# (A data folder of its own, named in XDG_DATA_DIRS so that the tool has no reason to remark.)
mimedb=$dest/mime-data/mime
mkdir -p "$mimedb/packages"
cp "$mime" "$mimedb/packages/"
XDG_DATA_DIRS=$dest/mime-data XDG_DATA_HOME=$dest/mime-data update-mime-database "$mimedb" \
    2>"$dest/mime.err" || fail "update-mime-database fails"
[ ! -s "$dest/mime.err" ] || fail "update-mime-database warns: $(cat "$dest/mime.err")"
grep -q "application/x-quantscope-session:\*\.qscope" "$mimedb/globs" ||
    fail "no glob *.qscope for application/x-quantscope-session"

# The manual pages render without a warning, and name the version.
for page in quantscope quantscope-cli; do
    file=$root/share/man/man1/$page.1.gz
    warnings=$(MANWIDTH=80 man --warnings -l "$file" 2>&1 >/dev/null) || fail "man cannot show $page(1)"
    [ -z "$warnings" ] || fail "man warns on $page(1): $warnings"
    warnings=$(zcat "$file" | groff -man -ww -z 2>&1) || fail "groff cannot format $page(1)"
    [ -z "$warnings" ] || fail "groff warns on $page(1): $warnings"
    MANWIDTH=80 man -l "$file" 2>/dev/null | grep -q "QuantScope $version" ||
        fail "$page(1) does not name version $version"
done

bash -n "$root/share/bash-completion/completions/quantscope-cli" ||
    fail "the bash completion does not parse"

# --version, from the installed programs; the window's without a display.
[ "$("$root/bin/quantscope-cli" --version)" = "quantscope-cli $version" ] ||
    fail "quantscope-cli --version: $("$root/bin/quantscope-cli" --version 2>&1)"
[ "$(env -u DISPLAY -u WAYLAND_DISPLAY "$root/bin/quantscope" --version)" = "quantscope $version" ] ||
    fail "quantscope --version without a display: $("$root/bin/quantscope" --version 2>&1)"
[ "$(QT_QPA_PLATFORM=offscreen "$root/bin/quantscope" --version)" = "quantscope $version" ] ||
    fail "quantscope --version (offscreen)"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "install tree complete and valid"
