#!/usr/bin/env bash
# Builds the bundle Maven Central's Portal takes for vector-core: the parent POM and vector-core (jar, sources,
# javadoc, POM), each with its .md5, .sha1 and GnuPG .asc signature, in the repository layout, zipped as
# OUT_DIR/central-bundle.zip; then checks the zip: every file the Portal requires is there, every checksum matches
# and every signature verifies (gpg --verify). Maven runs on the JDK 25 that ./relulab finds, with umask 022, so the
# jars are the reproducible ones (scripts/check-reproducible.sh). Nothing is uploaded. docs/releasing.md says how a
# release uses it.
# Exit code: 0 built and checked, 1 a check failed (each failure named; no zip is left), 2 bad usage, 3 the Maven
# build failed, 4 gpg, zip or unzip is missing.
#   scripts/release-bundle.sh OUT_DIR                   sign with your default GnuPG key
#   DRY_RUN_SIGN=1 scripts/release-bundle.sh OUT_DIR    sign with a throwaway key made for this run in a temporary
#                                                       GNUPGHOME (no passphrase), deleted afterwards; its public
#                                                       key is left in OUT_DIR/dry-run-public-key.asc
#   UNSIGNED=1 scripts/release-bundle.sh OUT_DIR        no signatures (the checksums are still checked)
#   scripts/release-bundle.sh --check ZIP               check a bundle again (signatures against your keyring;
#                                                       UNSIGNED=1: the checksums only), build nothing
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { sed -n '10,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
check_only=0
if [ "${1:-}" = --check ]; then check_only=1; shift; fi
[ $# -eq 1 ] || usage
case "${DRY_RUN_SIGN:-0}${UNSIGNED:-0}" in
    00) mode=sign ;;
    10) mode=dry-run-sign ;;
    01) mode=unsigned ;;
    11) echo "release-bundle: DRY_RUN_SIGN=1 and UNSIGNED=1 together (expected at most one)" >&2; exit 2 ;;
    *) echo "release-bundle: DRY_RUN_SIGN='${DRY_RUN_SIGN:-}' UNSIGNED='${UNSIGNED:-}' (expected 1 or unset)" >&2
       exit 2 ;;
esac
[ "$check_only$mode" != 1dry-run-sign ] ||
    { echo "release-bundle: --check with DRY_RUN_SIGN=1 (import OUT_DIR/dry-run-public-key.asc instead)" >&2; exit 2; }
need=(zip unzip)
[ "$mode" = unsigned ] || need+=(gpg)
for tool in "${need[@]}"; do
    command -v "$tool" >/dev/null ||
        { echo "release-bundle: $tool not found (Debian: apt-get install $tool)" >&2; exit 4; }
done
TMP="$(mktemp -d)"
cleanup() {
    [ -z "${GNUPGHOME:-}" ] || [ "$GNUPGHOME" != "$TMP/gnupg" ] || gpgconf --kill gpg-agent 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

# check_bundle ZIP: unpacks ZIP and checks what the Portal checks. Prints one line per failure; returns their count.
check_bundle() {
    local repo="$TMP/unpacked" failures=0 artifacts=0 file name sum
    rm -rf "$repo"
    mkdir "$repo"
    unzip -q "$1" -d "$repo"
    fail() { echo "release-bundle: $*" >&2; failures=$((failures + 1)); }
    # The artifacts a component must have, as file-name endings in its one version folder (a SNAPSHOT's names
    # carry a timestamp, a release's the bare version).
    require() {
        local dir="$repo/org/relulab/$1" ending
        shift
        if [ ! -d "$dir" ] || [ "$(find "$dir" -mindepth 1 -maxdepth 1 -type d | wc -l)" -ne 1 ]; then
            fail "expected one version folder in ${dir#"$repo"/}"
            return
        fi
        for ending in "$@"; do
            [ -n "$(find "$dir" -mindepth 2 -type f -name "*[0-9]$ending" -print -quit)" ] ||
                fail "no *$ending in ${dir#"$repo"/}"
        done
    }
    require relulab-parent .pom
    require vector-core .pom .jar -sources.jar -javadoc.jar
    # Every artifact: its checksums match and, when signed, its signature verifies.
    while IFS= read -r -d '' file; do
        artifacts=$((artifacts + 1))
        name="${file#"$repo"/}"
        for sum in md5 sha1; do
            if [ ! -f "$file.$sum" ]; then
                fail "$name.$sum is missing"
            elif [ "$(tr -d ' \n' <"$file.$sum")" != "$("${sum}sum" "$file" | cut -d ' ' -f 1)" ]; then
                fail "$name.$sum does not match the file"
            fi
        done
        if [ "$mode" != unsigned ]; then
            if [ ! -f "$file.asc" ]; then
                fail "$name.asc is missing"
            elif ! gpg --batch --verify "$file.asc" "$file" 2>"$TMP/gpg.log"; then
                sed 's/^/    /' "$TMP/gpg.log" >&2
                fail "$name.asc does not verify (gpg's words above)"
            fi
        fi
    done < <(find "$repo" -type f \( -name '*.jar' -o -name '*.pom' \) -print0 | sort -z)
    [ "$failures" -ne 0 ] && return "$failures"
    (cd "$repo" && find . -type f | sort)
    local what="checksums"
    [ "$mode" = unsigned ] || what="checksums and signatures"
    echo "release-bundle: $artifacts artifacts, every file present, $what verified: $1"
}

if [ "$check_only" = 1 ]; then
    [ -f "$1" ] || { echo "release-bundle: --check $1: no such file (expected a central-bundle.zip)" >&2; exit 2; }
    check_bundle "$1" || { echo "release-bundle: $1 fails $? check(s)" >&2; exit 1; }
    exit 0
fi

OUT="$1"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
REPO="$OUT/repo"
[ ! -e "$REPO" ] || { echo "release-bundle: $REPO exists (expected a new folder)" >&2; exit 2; }
source "$ROOT/scripts/maven-on-jdk25.sh"
umask 022

maven_signing=()
case "$mode" in
    unsigned) maven_signing=(-Dgpg.skip=true) ;;
    dry-run-sign)
        # The throwaway key: ed25519, no passphrase, valid one day, in a GNUPGHOME of its own (never the user's).
        export GNUPGHOME="$TMP/gnupg"
        mkdir -m 700 "$GNUPGHOME"
        gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
            --quick-gen-key 'relulab release dry run <dry-run@relulab.invalid>' ed25519 sign 1d 2>/dev/null
        key="$(gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '$1 == "fpr" { print $10; exit }')"
        gpg --batch --armor --export "$key" >"$OUT/dry-run-public-key.asc"
        echo "release-bundle: signing with the throwaway key $key (public key in $OUT/dry-run-public-key.asc)" >&2
        maven_signing=(-Dgpg.keyname="$key")
        ;;
esac

# clean: a jar left by a build whose Maven ran on JDK 17 (maven-jar-plugin 3.1.0, not reproducible) would otherwise
# count as up to date and be shipped.
echo "release-bundle: mvn -Prelease clean deploy -pl .,vector-core into $REPO ($mode)" >&2
(cd "$ROOT" && mvn -B -q -Prelease -DskipTests -pl .,vector-core clean deploy "${maven_signing[@]}" \
    -DaltDeploymentRepository="bundle::file://$REPO") >&2 ||
    { echo "release-bundle: the Maven build failed" >&2; exit 3; }
# The Portal wants release versions without Maven's metadata; a SNAPSHOT bundle (timestamped file names) is for
# checking only.
find "$REPO" -name 'maven-metadata*' -delete
rm -f "$OUT/central-bundle.zip"
(cd "$REPO" && zip -q -X -r "$OUT/central-bundle.zip" .)
if ! check_bundle "$OUT/central-bundle.zip"; then
    rm -f "$OUT/central-bundle.zip"
    echo "release-bundle: the bundle fails the checks above; no zip is left" >&2
    exit 1
fi
