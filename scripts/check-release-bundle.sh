#!/usr/bin/env bash
# The signed release rehearsal: scripts/release-bundle.sh with DRY_RUN_SIGN=1 builds Maven Central's bundle of
# vector-core signed with a throwaway key and verifies every signature and checksum; then its --check runs over a
# tampered copy (a byte appended to the main jar, the javadoc jar and one .sha1 removed) and must name each of those
# faults, so a checker that passes everything fails here. Nothing is uploaded; the throwaway key is deleted.
# Exit code: 0 the bundle passes and the tampered copy fails as expected, 1 otherwise, 4 gpg, zip or unzip is
# missing (nothing run).
#   scripts/check-release-bundle.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP="$(mktemp -d)"
export GNUPGHOME="$TMP/gnupg"
trap 'gpgconf --kill gpg-agent 2>/dev/null || true; rm -rf "$TMP"' EXIT

status=0
DRY_RUN_SIGN=1 "$ROOT/scripts/release-bundle.sh" "$TMP/out" >"$TMP/bundle.log" || status=$?
tail -n 1 "$TMP/bundle.log"
[ "$status" -eq 0 ] || { echo "check-release-bundle: release-bundle.sh exited $status" >&2; exit "$status"; }

# The tampered copy, checked against the throwaway key's public half.
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --import "$TMP/out/dry-run-public-key.asc" 2>/dev/null
mkdir "$TMP/tampered"
(cd "$TMP/tampered" && unzip -q "$TMP/out/central-bundle.zip")
dir="$(find "$TMP/tampered/org/relulab/vector-core" -mindepth 1 -maxdepth 1 -type d)"
printf 'x' >>"$(find "$dir" -name '*[0-9].jar')"
rm "$(find "$dir" -name '*[0-9].pom.sha1')" "$(find "$dir" -name '*-javadoc.jar')"
(cd "$TMP/tampered" && zip -q -r "$TMP/tampered.zip" .)
if "$ROOT/scripts/release-bundle.sh" --check "$TMP/tampered.zip" 2>"$TMP/check.log"; then
    echo "check-release-bundle: release-bundle.sh --check passed a tampered bundle" >&2
    exit 1
fi
for fault in 'jar.sha1 does not match the file' 'jar.asc does not verify' 'pom.sha1 is missing' 'no \*-javadoc.jar'; do
    if ! grep -q "$fault" "$TMP/check.log"; then
        cat "$TMP/check.log" >&2
        echo "check-release-bundle: --check did not report '$fault' (its output above)" >&2
        exit 1
    fi
done
echo "check-release-bundle: the tampered copy fails as expected ($(grep -c '^release-bundle: ' "$TMP/check.log") lines)"
