#!/usr/bin/env bash
# Pippa's store microbenchmarks (JMH, bench/jmh), without HTTP, on temporary files with synchronous=FULL:
#   StoreBenchmark: appends by one caller and by 50 (group commit), reads of a 100-message page;
#   JobsBenchmark: one worker draining the jobs of 4,000 messages, by lease size.
# Prints JMH's tables (with their error margins). About three minutes.
# Extra JMH options pass through, e.g. `bash bench/store.sh -f 3` or `bash bench/store.sh JobsBenchmark`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl bench/jmh -am -DskipTests package # also writes classpath.txt
exec "$JAVA_HOME/bin/java" -cp "$root/bench/jmh/target/classes:$(cat "$root/bench/jmh/target/classpath.txt")" \
  org.openjdk.jmh.Main "$@"
