# shellcheck shell=bash
# Sourced (not run) by the scripts that run Maven as a release does: on the JDK 25 that ./relulab finds, since a
# Maven on JDK 17 cannot read vector-core's release-25 module descriptor (it falls back to a jar plugin whose main
# jars are not reproducible: the profile maven-below-jdk25 in pom.xml). Needs ROOT, the repository root; sets JAVA,
# that JDK's java, and exports JAVA_HOME and MAVEN_OPTS. Exits 1, with ./relulab's advice, when there is no JDK 25.
JAVA="$("$ROOT/relulab" --print-java)"
JAVA_HOME="$(dirname "$(dirname "$JAVA")")"
export JAVA_HOME
# Maven's own libraries (Guice, Guava) call sun.misc.Unsafe, which JDK 25 warns about on every run.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
