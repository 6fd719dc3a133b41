#!/usr/bin/env bash
# Pippa's event delivery benchmark (issue 16). Starts the service exactly as `./pippa serve` does on a fresh
# temporary database and a free port, then, on 127.0.0.1 only, for 100 and for 1,000 subscribers: opens
# that many Server-Sent Events streams on one conversation, posts MESSAGES messages (default 200) one after
# another from one client, and prints (bench/EventsBench.java) the delivery latency from each POST's 201 to
# each arrival (p50, p99), events delivered per second, and the server's RSS growth per open stream (after
# an untimed warm-up run with 10 subscribers; SUBSCRIBERS="100 1000" by default).
# The subscribers and the poster share this machine with the server: the figures are for one machine, and
# ratios between the two runs mean more than either absolute figure. DB=postgres runs on a throwaway
# PostgreSQL 15 cluster instead of SQLite. Exits non-zero if any subscriber misses an event.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
messages=${MESSAGES:-200}
auth=none
db=${DB:-sqlite}
nodes=1
case "$db" in sqlite|postgres) ;; *) echo "events.sh: DB must be sqlite or postgres, not '$db'" >&2; exit 2 ;; esac

# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
need_tools curl
export PIPPA_EVENTS_STREAMS_PER_USER=5000 PIPPA_SUMMARY_EVERY=1000000
start_server
java_pid=$(pgrep -P "$server_pid" java || echo "$server_pid")
echo "events.sh: $db, server pid $java_pid, $messages messages per run, started in $startup_ms ms"
# Untimed warm-up: the JIT compiles the write, pump and stream paths before anything is measured.
"$JAVA_HOME/bin/java" "$root/bench/EventsBench.java" "$base" 10 300 "$java_pid" >/dev/null
for subscribers in ${SUBSCRIBERS:-100 1000}; do
  echo "---- $subscribers subscribers"
  "$JAVA_HOME/bin/java" -Xss256k "$root/bench/EventsBench.java" "$base" "$subscribers" "$messages" "$java_pid"
done
