#!/usr/bin/env bash
# Pippa's overload test (issue #7). Starts the service as `./pippa serve` does (fresh database, free port,
# 127.0.0.1 only) and drives CONNECTIONS (default 1000) concurrent connections of the mixed POST/GET load
# for DURATION (30) seconds with wrk. It checks that:
#   - every request is either served (2xx) or shed (503 with Retry-After): no other status;
#   - no request goes unanswered for TIMEOUT (5) seconds (wrk counts those as socket timeouts);
#   - the server neither dies nor runs out of memory;
#   - within 2 s of the load stopping it serves again in full (health, a post, a read).
# Prints the counts, the p99 and one summary line; exits non-zero when a check fails.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-30}
connections=${CONNECTIONS:-1000}
threads=${THREADS:-2}
timeout=${TIMEOUT:-5}

# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
need_tools wrk curl jq
ulimit -n 65536 2>/dev/null || true # one descriptor per connection, on both ends
start_server

post_json() { curl -sf -X POST "$base$1" -H 'Content-Type: application/json' -d "$2"; }
ids="$work/ids"
: >"$ids"
for c in $(seq 1 20); do
  id=$(post_json /v1/conversations "{\"title\":\"overload $c\"}" | jq -r .id)
  echo "$id" >>"$ids"
  for m in $(seq 1 5); do post_json "/v1/conversations/$id/messages" "{\"role\":\"user\",\"content\":\"seed $m\"}" >/dev/null; done
done

MODE=mixed IDS_FILE="$ids" wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout "${timeout}s" --latency \
  -s "$root/bench/mixed.lua" "$base/" >"$work/wrk.txt" 2>&1 || { cat "$work/wrk.txt" >&2; exit 1; }
load_stopped=$(date +%s%N)

# Full service again: health, a write and a read, each answered within the 2 s budget.
conversation=$(head -1 "$ids")
recovered() {
  curl -sf --max-time 2 "$base/observe/health" >/dev/null &&
    post_json "/v1/conversations/$conversation/messages" '{"role":"user","content":"after the storm"}' >/dev/null &&
    curl -sf --max-time 2 "$base/v1/conversations/$conversation/messages?limit=1" >/dev/null
}
until recovered; do
  [ $(( ($(date +%s%N) - load_stopped) / 1000000 )) -lt 10000 ] || break
  sleep 0.05
done
recovery_ms=$(( ($(date +%s%N) - load_stopped) / 1000000 ))

value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$work/wrk.txt"; }
served=$(value served); shed=$(value shed); errors=$(value errors); p99=$(value p99_ms)
socket_errors=$(sed -n 's/.*Socket errors: \(.*\)/\1/p' "$work/wrk.txt")
timeouts=$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' <<<"$socket_errors")
rss_mb=$(peak_rss_mb)
alive=yes
kill -0 "$server_pid" 2>/dev/null || alive=no
oom=$(grep -c OutOfMemoryError "$work/server-1.log" || true)

ok=yes
[ "${errors:-1}" -eq 0 ] && [ "${timeouts:-0}" -eq 0 ] && [ "$alive" = yes ] && [ "$oom" -eq 0 ] &&
  [ "$recovery_ms" -le 2000 ] || ok=no
printf '\noverload: %s connections, %s threads, %s s, wrk timeout %s s (127.0.0.1)\n' \
  "$connections" "$threads" "$duration" "$timeout"
printf 'served (2xx): %s; shed (503 + Retry-After): %s; other statuses: %s; socket errors: %s\n' \
  "$served" "$shed" "$errors" "${socket_errors:-none}"
printf 'latency p99: %s ms; full service again %s ms after the load stopped; peak RSS %s MB; alive: %s; OOM: %s\n' \
  "$p99" "$recovery_ms" "$rss_mb" "$alive" "$oom"
printf 'summary: served=%s shed=%s errors=%s timeouts=%s p99_ms=%s recovery_ms=%s rss_mb=%s ok=%s\n' \
  "$served" "$shed" "$errors" "${timeouts:-0}" "$p99" "$recovery_ms" "$rss_mb" "$ok"
[ "$ok" = yes ]
