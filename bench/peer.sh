#!/usr/bin/env bash
# Pippa beside the original design (issue 21): the seed-design peer in bench/peer/app.py (FastAPI, pydantic,
# aiosqlite with WAL and synchronous=FULL, uvicorn with 2 workers) and Pippa as `./pippa serve` runs it
# (login off, rate limits off), each on a fresh database and a free 127.0.0.1 port, measured with the same
# harness, back to back, ROUNDS times (default 3), alternating which goes first:
#   - seed: 20 conversations of 5 messages, and one more for hey;
#   - warm-up: the mixed load in 5 s windows, at least WARMUP seconds (10), and for Pippa on until its JIT
#     compilers used under 5 % of a core in the last window (bench/common.sh warm_up);
#   - the seed test: hey -n 1000 -c 50 POST one message, and GET its page (limit=100);
#   - the mixed run: wrk, 50 connections, 2 threads, DURATION seconds (10), each connection posting to a
#     conversation and then reading that conversation's page (bench/mixed.lua; average page size printed).
# Prints every run (with its count of answers other than 200/201), then the medians and the ratios the issue targets (mixed throughput, mixed p99, seed GET
# p99, seed GET p99 / p50). Needs Debian's python3-fastapi python3-uvicorn python3-aiosqlite (installed
# when missing and run as root), hey, wrk, curl, jq.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-10}
warmup=${WARMUP:-10}
rounds=${ROUNDS:-3}
python=/usr/bin/python3
auth=none

# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
need_tools hey wrk curl jq
if ! "$python" -c 'import fastapi, uvicorn, aiosqlite' 2>/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "peer.sh: install python3-fastapi python3-uvicorn python3-aiosqlite" >&2; exit 1; }
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-fastapi python3-uvicorn python3-aiosqlite >/dev/null
fi
"$root/pippa" build

peer_pid=""
stop_peer() { [ -z "$peer_pid" ] || { kill "$peer_pid" 2>/dev/null || true; wait "$peer_pid" 2>/dev/null || true; }; peer_pid=""; }
trap 'stop_peer; cleanup' EXIT

# start_peer: the peer on a fresh database and a free port; sets $base.
start_peer() {
  local port database="$work/peer-$1.db"
  port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$python" "$root/bench/peer/app.py" init "$database"
  (cd "$root/bench/peer" && PEER_DB="$database" exec "$python" -m uvicorn app:app --workers 2 --host 127.0.0.1 \
    --port "$port" --no-access-log --log-level warning) >"$work/peer.log" 2>&1 &
  peer_pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 1500); do curl -sf "$base/observe/health/live" >/dev/null && return; sleep 0.02; done
  cat "$work/peer.log" >&2; exit 1
}

# measure SYSTEM ROUND: seeds $base, warms it up, runs the seed test and the mixed run; appends a result line.
measure() {
  local ids="$work/ids-$1-$2" id one label="$1-$2"
  : >"$ids"
  for _ in $(seq 1 20); do
    id=$(curl -sf -X POST "$base/v1/conversations" -H 'Content-Type: application/json' -d '{"title":"bench"}' | jq -r .id)
    echo "$id" >>"$ids"
    for m in $(seq 1 5); do
      curl -sf -X POST "$base/v1/conversations/$id/messages" -H 'Content-Type: application/json' \
        -d "{\"role\":\"user\",\"content\":\"seed $m\"}" >/dev/null
    done
  done
  one=$(curl -sf -X POST "$base/v1/conversations" -H 'Content-Type: application/json' -d '{"title":"hey"}' | jq -r .id)
  # Both warm up the same way: at least WARMUP seconds of the mixed load, and on until Pippa's JIT is quiet
  # (the peer has no JIT, so it stops at WARMUP).
  local jvm=""
  [ "$1" = peer ] || jvm=$(server_jvms)
  warm_up "$warmup" "$jvm" env MODE=mixed IDS_FILE="$ids" wrk -t2 -c50 -d5s -s "$root/bench/mixed.lua" "$base/" >/dev/null 2>&1
  echo "$label warm-up: $warmed" >>"$work/warm-ups"
  hey -n 1000 -c 50 -m POST -T application/json -d '{"role":"user","content":"hey seed test"}' \
    "$base/v1/conversations/$one/messages" >"$work/hey-post-$label.txt"
  hey -n 1000 -c 50 "$base/v1/conversations/$one/messages?limit=100" >"$work/hey-get-$label.txt"
  MODE=mixed IDS_FILE="$ids" wrk -t2 -c50 -d"${duration}s" --latency -s "$root/bench/mixed.lua" "$base/" \
    >"$work/wrk-mixed-$label.txt" 2>&1
  local get_p50
  get_p50=$(sed -n 's/^ *50% in \([0-9.]*\) secs.*/\1/p' "$work/hey-get-$label.txt" | awk '{printf "%.2f", $1 * 1000}')
  local failed
  failed=$(( $(wrk_value "mixed-$label" errors) + $(wrk_value "mixed-$label" shed) ))
  failed=$(( failed + $(awk '/^ +\[[0-9]+\]/ && !/\[(200|201)\]/ {s += $2} END {print s + 0}' \
    "$work/hey-post-$label.txt" "$work/hey-get-$label.txt") ))
  printf '%s %s %s %s %s %s %s %s %s\n' "$1" "$2" "$(wrk_rps "mixed-$label")" "$(wrk_value "mixed-$label" p99_ms)" \
    "$(wrk_value "mixed-$label" avg_messages)" "$(hey_rps <"$work/hey-get-$label.txt")" \
    "$(hey_p99 <"$work/hey-get-$label.txt")" "$get_p50" "$failed" >>"$work/results"
}

: >"$work/results"
: >"$work/warm-ups"
for round in $(seq 1 "$rounds"); do
  order="pippa peer"
  [ $(( round % 2 )) -eq 1 ] || order="peer pippa"
  for system in $order; do
    if [ "$system" = pippa ]; then
      start_server
      measure pippa "$round"
      stop_server
      rm -f "$work/bench.db"*
    else
      start_peer "$round"
      measure peer "$round"
      stop_peer
    fi
  done
done

printf '\n%-6s %5s %12s %14s %10s %13s %14s %14s %9s\n' system round "mixed req/s" "mixed p99 ms" "avg page" \
  "seed GET/s" "seed GET p99" "seed GET p50" "non-2xx"
sort -k1,1 -k2,2n "$work/results" |
  awk '{printf "%-6s %5s %12s %14s %10s %13s %14s %14s %9s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
printf '\n'
sort "$work/warm-ups"
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
column_median() { awk -v s="$1" -v c="$2" '$1 == s {print $c}' "$work/results" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
pippa_rps=$(column_median pippa 3); peer_rps=$(column_median peer 3)
pippa_p99=$(column_median pippa 4); peer_p99=$(column_median peer 4)
pippa_get_p99=$(column_median pippa 7); peer_get_p99=$(column_median peer 7)
pippa_get_p50=$(column_median pippa 8)
printf '\nmedians of %s rounds: Pippa mixed %s req/s p99 %s ms, seed GET p99 %s ms (p50 %s); peer mixed %s req/s p99 %s ms, seed GET p99 %s ms\n' \
  "$rounds" "$pippa_rps" "$pippa_p99" "$pippa_get_p99" "$pippa_get_p50" "$peer_rps" "$peer_p99" "$peer_get_p99"
printf 'ratios: mixed throughput %sx (target >= 6), mixed p99 %sx lower (target >= 4), seed GET p99 %sx lower (target >= 4), Pippa seed GET p99/p50 %s (target <= 5)\n' \
  "$(ratio "$pippa_rps" "$peer_rps")" "$(ratio "$peer_p99" "$pippa_p99")" "$(ratio "$peer_get_p99" "$pippa_get_p99")" \
  "$(ratio "$pippa_get_p99" "$pippa_get_p50")"
