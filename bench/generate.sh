#!/usr/bin/env bash
# Pippa's generation benchmark (issue 17). Starts an OpenAI-compatible stub (bench/GenerateBench.java) that
# streams TOKENS tokens (default 200) PACE_MS apart (default 10), then, on 127.0.0.1 only:
#   1. CONCURRENCY (default 50) streamed generations at once straight from the stub: the baseline (the stub,
#      loopback and the client, with nothing between);
#   2. the service started exactly as `./pippa serve` does on a fresh temporary database, pointed at the
#      stub, and the same CONCURRENCY generations through it (POST /v1/conversations/{id}/responses with
#      stream: true).
# Each run is measured after an untimed warm-up round of the same size in the same client process.
# Each token carries the moment the stub wrote it, so both runs print the latency from writing to arrival:
# to the first token (beyond the stub's own wait) and per piece of text received (p50, p99). Pippa's added
# latency is the difference between the two runs in one invocation; Pippa batches deltas (every 64
# characters or 50 ms), so the "oldest token" figure includes that wait by design. Exits non-zero if any
# generation fails or a token is missing or out of order.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tokens=${TOKENS:-200}
pace=${PACE_MS:-10}
concurrency=${CONCURRENCY:-50}
auth=none
db=sqlite
nodes=1

# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
need_tools curl
"$JAVA_HOME/bin/java" -Dsun.net.httpserver.nodelay=true "$root/bench/GenerateBench.java" stub "$work/stub.port" "$tokens" "$pace" &
stub_pid=$!
trap 'kill $stub_pid 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 1 500); do [ -s "$work/stub.port" ] && break; sleep 0.02; done
stub="http://127.0.0.1:$(cat "$work/stub.port")"
echo "generate.sh: $concurrency generations at once, $tokens tokens each, ${pace} ms apart"
"$JAVA_HOME/bin/java" "$root/bench/GenerateBench.java" run "$stub" "$concurrency" direct

# One user asks for all of them: its limits (generations, and event streams, which a streamed ask holds)
# are raised to fit.
export PIPPA_CHAT_BASE_URL="$stub/v1" PIPPA_CHAT_MODEL=stub PIPPA_CHAT_WORKERS="$concurrency" \
  PIPPA_CHAT_MAX_ACTIVE_PER_USER=$((concurrency * 2)) PIPPA_EVENTS_STREAMS_PER_USER=$((concurrency * 2)) \
  PIPPA_SUMMARY_EVERY=1000000
start_server
echo "through Pippa (server started in $startup_ms ms)"
"$JAVA_HOME/bin/java" "$root/bench/GenerateBench.java" run "$base" "$concurrency" pippa
# Where the time to first token goes, from the server's own timers (means over both rounds): the ask to the
# model's first text (queue and start included), and the model call to its first text (the stub's part).
curl -s "$base/observe/metrics" | awk '
  /^pippa_generation_first_token_seconds_sum/ {fs = $2} /^pippa_generation_first_token_seconds_count/ {fc = $2}
  /^pippa_generation_upstream_latency_seconds_sum/ {us = $2} /^pippa_generation_upstream_latency_seconds_count/ {uc = $2}
  END { if (fc > 0 && uc > 0) printf "  server side, mean: ask -> first text %.1f ms, of which model call -> first text %.1f ms\n", 1000 * fs / fc, 1000 * us / uc }'
