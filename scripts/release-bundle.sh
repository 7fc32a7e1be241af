#!/usr/bin/env bash
# Builds the bundle Maven Central's portal takes for vector-core: the parent POM and vector-core (jar, sources,
# javadoc, POM), each with its .md5 and .sha1 and, unless UNSIGNED=1, its GnuPG .asc signature, in the repository
# layout, zipped as OUT_DIR/central-bundle.zip. Nothing is uploaded.
#   scripts/release-bundle.sh OUT_DIR                sign with the default GnuPG key
#   UNSIGNED=1 scripts/release-bundle.sh OUT_DIR     a dry run without signatures
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 1 ] || { sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
OUT="$1"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
[ ! -e "$OUT/repo" ] || { echo "release-bundle: $OUT/repo exists (expected a new folder)" >&2; exit 2; }
sign=()
[ "${UNSIGNED:-0}" = 1 ] && sign=(-Dgpg.skip=true)
(cd "$ROOT" && mvn -B -q -Prelease -DskipTests -pl .,vector-core deploy "${sign[@]}" \
    -DaltDeploymentRepository="bundle::file://$OUT/repo")
# The portal wants release versions without Maven's snapshot metadata; a SNAPSHOT bundle is for checking only.
(cd "$OUT/repo" && find . -name 'maven-metadata*' -delete && zip -q -r "$OUT/central-bundle.zip" .)
echo "release-bundle: $OUT/central-bundle.zip"
(cd "$OUT/repo" && find . -type f | sort)
