#!/usr/bin/env bash
# Checks vector-core as a stranger embeds it: deploys vector-core (and its parent POM) into a throwaway Maven repository
# (a folder, never ~/.m2), builds examples/embed against it by its coordinates with a settings file that adds
# that folder as a repository, and runs it on the module path (requires org.relulab.core). A broken module
# descriptor, a missing export or a wrong product fails it. Maven runs on the JDK 25 that ./relulab finds, as a
# user with JDK 25 would run it (a Maven on JDK 17 cannot read a release-25 module descriptor).
# Exit code: 0 the example printed "all products correct", 1 otherwise.
#   scripts/check-embedding.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/maven-on-jdk25.sh"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
REPO="$TMP/repo"
echo "check-embedding: deploying vector-core to the throwaway repository $REPO" >&2
(cd "$ROOT" && mvn -B -q -DskipTests -Dspotless.check.skip=true -pl .,vector-core deploy \
    -DaltDeploymentRepository="throwaway::file://$REPO") >&2
# The consumer resolves vector-core from that folder only: a settings file with it as a repository, and a local
# repository of the consumer's own so no earlier copy of vector-core can stand in for the one just built.
cat > "$TMP/settings.xml" <<XML
<settings>
  <localRepository>$TMP/local</localRepository>
  <profiles><profile><id>throwaway</id>
    <repositories><repository><id>throwaway</id><url>file://$REPO</url>
      <snapshots><enabled>true</enabled></snapshots></repository></repositories>
  </profile></profiles>
  <activeProfiles><activeProfile>throwaway</activeProfile></activeProfiles>
</settings>
XML
# Plugins come from the user's usual local repository when there (offline CI keeps them), else from Central.
mkdir -p "$TMP/local"
cp -r "${HOME}/.m2/repository/org/apache" "$TMP/local/org/" 2>/dev/null || mkdir -p "$TMP/local/org"
cp -r "${HOME}/.m2/repository/org/codehaus" "$TMP/local/org/" 2>/dev/null || true
cp -r "${HOME}/.m2/repository/org/ow2" "$TMP/local/org/" 2>/dev/null || true
cp -r "$ROOT/examples/embed" "$TMP/embed"
echo "check-embedding: building examples/embed against org.relulab:vector-core from it" >&2
(cd "$TMP/embed" && mvn -B -q -s "$TMP/settings.xml" package) >&2
echo "check-embedding: java -p target/classes:target/lib -m org.example.embed/org.relulab.example.embed.Embed" >&2
out="$("$JAVA" --add-modules jdk.incubator.vector -p "$TMP/embed/target/classes:$TMP/embed/target/lib" \
    -m org.example.embed/org.relulab.example.embed.Embed 2>&1)" || { echo "$out"; exit 1; }
echo "$out"
grep -q '^all products correct$' <<<"$out"
