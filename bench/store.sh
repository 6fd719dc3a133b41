#!/usr/bin/env bash
# Pippa's store microbenchmarks (JMH, bench/jmh): the SQLite store alone, without HTTP, on a temporary file
# with synchronous=FULL: appends by one caller and by 50 (group commit), and reads of a 100-message page.
# Prints JMH's table (operations per second, with its error margin). About two minutes.
# Extra JMH options pass through, e.g. `bash bench/store.sh -f 3` or `bash bench/store.sh readPageOf100`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl bench/jmh -am -DskipTests package # also writes classpath.txt
exec "$JAVA_HOME/bin/java" -cp "$root/bench/jmh/target/classes:$(cat "$root/bench/jmh/target/classpath.txt")" \
  org.openjdk.jmh.Main "$@"
