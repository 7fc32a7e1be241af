#!/usr/bin/env bash
# Checks that the build is reproducible: copies this working tree (tracked and untracked files, not ignored ones)
# into two fresh folders, builds each with `mvn package -DskipTests` on the JDK 25 that ./relulab finds, one after
# the other, the second in another time zone, and compares the sha256 of every jar the modules write to target/
# (main, sources, javadoc, the JMH jar). Both build with umask 022, as a release does (scripts/release-bundle.sh):
# Maven's archivers keep the mode of the files the build writes (pom.properties), so the umask shows in the jars.
# Prints each jar with its hash; for a jar that differs, both hashes and the entries whose size, time or name differ
# (a difference in mode or content alone shows with zipinfo -v). Maven's output is printed when a build fails.
# Exit code: 0 every jar identical, 1 a jar differs or is in one build only, 2 bad usage, 3 a build failed.
#   scripts/check-reproducible.sh          the parent POM and vector-core (50 s to 2 min on 2 cores)
#   scripts/check-reproducible.sh --all    every module: vector-core, training, bench (about 3 min)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
modules=.,vector-core
case "${1:-}" in
    "") ;;
    --all) modules=.,vector-core,training,bench ;;
    *) echo "check-reproducible: unknown argument '$1' (expected none or --all)" >&2; exit 2 ;;
esac
[ $# -le 1 ] || { echo "check-reproducible: expected at most one argument (got $#)" >&2; exit 2; }
source "$ROOT/scripts/maven-on-jdk25.sh"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# build N TZ: a fresh copy of the tree in $TMP/N, built there; the jars' hashes, one "HASH  PATH" a line,
# sorted by path, in $TMP/N.sha256.
build() {
    local n="$1" tz="$2"
    mkdir "$TMP/$n"
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) |
        tar -xf - -C "$TMP/$n"
    echo "check-reproducible: build $n of $modules in $TMP/$n (TZ=$tz)" >&2
    if ! (cd "$TMP/$n" && umask 022 && TZ="$tz" mvn -B -q -DskipTests -Dspotless.check.skip=true \
            -pl "$modules" package >"$TMP/build-$n.log" 2>&1); then
        cat "$TMP/build-$n.log" >&2
        echo "check-reproducible: build $n failed (Maven's output above)" >&2
        exit 3
    fi
    (cd "$TMP/$n" && find . -path '*/target/*.jar' -not -path '*/target/*/*' -type f -print0 | sort -z |
        xargs -0 -r sha256sum) >"$TMP/$n.sha256"
}
build 1 UTC
build 2 Pacific/Kiritimati

status=0
# one line per jar: path, hash in build 1, hash in build 2 ("missing" where a build lacks it)
join -1 2 -2 2 -a 1 -a 2 -e missing -o 0,1.1,2.1 <(sort -k 2 "$TMP/1.sha256") <(sort -k 2 "$TMP/2.sha256") \
    >"$TMP/joined"
[ -s "$TMP/joined" ] || { echo "check-reproducible: the builds wrote no jar" >&2; exit 1; }
while read -r jar one two; do
    if [ "$one" = "$two" ]; then
        echo "same     $one  ${jar#./}"
    else
        status=1
        echo "DIFFERS  ${jar#./}: build 1 $one, build 2 $two"
        if [ "$one" != missing ] && [ "$two" != missing ]; then
            diff <("$JAVA_HOME/bin/jar" tvf "$TMP/1/$jar") <("$JAVA_HOME/bin/jar" tvf "$TMP/2/$jar") |
                head -n 20 || true
        fi
    fi
done <"$TMP/joined"
if [ "$status" -eq 0 ]; then
    echo "check-reproducible: $(wc -l <"$TMP/joined") jars byte-identical across the two builds"
else
    echo "check-reproducible: the builds differ (above)" >&2
fi
exit "$status"
