#!/usr/bin/env bash
# Pippa's load benchmark (issue #4). Starts the service exactly as `./pippa serve` does, on a fresh temporary
# database and a free port, and measures on 127.0.0.1 only:
#   1. the seed test: hey -n 1000 -c 50, POST one message and GET messages (limit=100);
#   2. a steady mixed run: wrk, 50 connections, 2 threads, each connection posting to a conversation and
#      then reading that conversation's page (limit=100), over 20 conversations seeded with 5 messages each
#      (pages fill to 100 as they grow; the report prints the average page size read);
#   3. a POST-only and a GET-only wrk run;
#   4. a no-op baseline (GET /observe/health/live) with the same wrk settings, for ratios;
#   5. consistency: every POST answered 2xx is stored (counted through the API, paging with cursors);
#   6. the server's peak RSS;
#   7. then, with the service stopped, a bare Helidon route (bench/BareHelidon.java) with the same wrk
#      settings: the HTTP stack alone, so every figure is also a share of what the framework can do here;
#      and the seed test's hey GET against that route: the lowest p99 hey itself measures on this machine.
# Exits non-zero on any lost write or any non-2xx other than 503 with Retry-After.
# Before each measured run the server is warmed up with that same load in 5 s windows (the first, mixed, for
# at least WARMUP seconds; the others for at least one window) until its JIT compilers used under 5 % of a
# core in the last window (bench/common.sh warm_up; the report says how long each took); warm-up posts are
# counted in the consistency check too.
# Environment: DURATION (wrk seconds, default 10), WARMUP (10), CONNECTIONS (50), THREADS (2);
#   DB=postgres runs on a throwaway PostgreSQL 15 cluster (Debian's package) instead of a SQLite file, and
#   NODES=2 (postgres only) starts two servers on it: then one wrk per node runs at once with half the
#   connections and threads each; req/s add up, counts add up, and p50/p99 are the slower node's;
#   AUTH=bearer runs with login on: a bench user registers, logs in, and every request carries its token
#   (default AUTH=none: no login); rate limits are off unless PIPPA_RATE_LIMIT=on.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-10}
warmup=${WARMUP:-10}
connections=${CONNECTIONS:-50}
threads=${THREADS:-2}
auth=${AUTH:-none}
case "$auth" in none|bearer) ;; *) echo "load.sh: AUTH must be none or bearer, not '$auth'" >&2; exit 2 ;; esac
db=${DB:-sqlite}
nodes=${NODES:-1}
case "$db/$nodes" in sqlite/1|postgres/1|postgres/2) ;;
  *) echo "load.sh: DB must be sqlite or postgres and NODES 1, or 2 with postgres; not DB=$db NODES=$nodes" >&2; exit 2 ;;
esac

# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
need_tools hey wrk curl jq
start_server

# With AUTH=bearer every API request carries the bench user's token (hey and curl take the same -H).
auth_header=()
token=""
if [ "$auth" = bearer ]; then
  curl -sf -X POST "$base/v1/users" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench password 1"}' >/dev/null
  token=$(curl -sf -X POST "$base/v1/auth/token" --data-urlencode grant_type=password \
    --data-urlencode username=bench@example.com --data-urlencode 'password=bench password 1' | jq -r .access_token)
  auth_header=(-H "Authorization: Bearer $token")
fi
post_json() { curl -sf -X POST "$base$1" "${auth_header[@]}" -H 'Content-Type: application/json' -d "$2"; }

# ---- seed -------------------------------------------------------------------------------------------
ids="$work/ids"
: >"$ids"
for c in $(seq 1 20); do
  id=$(post_json /v1/conversations "{\"title\":\"bench $c\"}" | jq -r .id)
  echo "$id" >>"$ids"
  for m in $(seq 1 5); do post_json "/v1/conversations/$id/messages" "{\"role\":\"user\",\"content\":\"seed $m\"}" >/dev/null; done
done
seeded=100
acknowledged=0
seed_conversation=$(post_json /v1/conversations '{"title":"hey"}' | jq -r .id)

# ---- 2-4. wrk runs ---------------------------------------------------------------------------------------
run_wrk() { # mode [seconds [label]]: one wrk per node, at once, the connections and threads split between them
  local node=0 url pids=()
  for url in "${bases[@]}"; do
    node=$(( node + 1 ))
    MODE=$1 IDS_FILE="$ids" TOKEN="$token" wrk -t"$(( threads > nodes ? threads / nodes : 1 ))" \
      -c"$(( connections / nodes ))" -d"${2:-$duration}s" --latency \
      -s "$root/bench/mixed.lua" "$url/" >"$work/wrk-${3:-$1}-$node.txt" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
}

warm_posts=0
warm_errors=0
warm_shed=0
warm_notes=""
posting_runs=2 # the measured mixed and post runs, plus each warm-up window that posts
warm_window() { # mode: one 5 s window of that load; its posts count as acknowledged, its failures as errors
  run_wrk "$1" 5 warmup
  warm_posts=$(( warm_posts + $(wrk_value warmup created) ))
  warm_errors=$(( warm_errors + $(wrk_value warmup errors) ))
  warm_shed=$(( warm_shed + $(wrk_value warmup shed) ))
  [ "$1" = get ] || posting_runs=$(( posting_runs + 1 ))
}
warm() { # mode min_seconds: warms the server up with that load (see warm_up) and notes how long it took
  warm_up "$2" "$(server_jvms)" warm_window "$1"
  warm_notes="$warm_notes $1 $warmed;"
}

warm mixed "$warmup"
# ---- 1. the seed test with hey (after the warm-up) ------------------------------------------------------
hey -n 1000 -c 50 "${auth_header[@]}" -m POST -T application/json -d '{"role":"user","content":"hey seed test"}' \
  "$base/v1/conversations/$seed_conversation/messages" >"$work/hey-post.txt"
hey -n 1000 -c 50 "${auth_header[@]}" "$base/v1/conversations/$seed_conversation/messages?limit=100" >"$work/hey-get.txt"
hey_post_created=$(sed -n 's/^ *\[201\][[:space:]]*\([0-9]*\) responses.*/\1/p' "$work/hey-post.txt")
hey_bad=$(grep -E '^\s+\[[0-9]+\]' "$work/hey-post.txt" "$work/hey-get.txt" | grep -vE '\[(200|201|503)\]' || true)

run_wrk mixed
warm post 5
run_wrk post
warm get 5
run_wrk get
warm_up 5 "$(server_jvms)" wrk -t"$threads" -c"$connections" -d5s "$base/observe/health/live" >/dev/null 2>&1
warm_notes="$warm_notes no-op $warmed"
MODE=noop IDS_FILE="$ids" wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$base/observe/health/live" >"$work/wrk-noop.txt" 2>&1
noop_p99=$(sed -n 's/^ *99%[[:space:]]*\([0-9.]*\)\(us\|ms\|s\).*/\1 \2/p' "$work/wrk-noop.txt" |
  awk '{v=$1; if ($2=="us") v/=1000; if ($2=="s") v*=1000; printf "%.3f", v}')

errors=$warm_errors
acknowledged=$warm_posts
for run in mixed post get; do
  acknowledged=$(( acknowledged + $(wrk_value "$run" created) ))
  errors=$(( errors + $(wrk_value "$run" errors) ))
done
acknowledged=$(( acknowledged + ${hey_post_created:-0} ))

# ---- 5. consistency: every acknowledged post is stored ---------------------------------------------------
count_messages() { # conversation id -> number of messages, paging with cursors
  local id=$1 cursor="" total=0 page
  local count more
  while :; do
    read -r count more cursor < <(curl -sf "${auth_header[@]}" "$base/v1/conversations/$id/messages?limit=100${cursor:+&cursor=$cursor}" |
      jq -r '"\(.data | length) \(.has_more) \(.next_cursor)"')
    total=$(( total + count ))
    [ "$more" = true ] || break
  done
  echo "$total"
}
stored=0
while read -r id; do stored=$(( stored + $(count_messages "$id") )); done < <(cat "$ids"; echo "$seed_conversation")
# wrk stops with requests in flight: those may be stored without their 201 being counted, so stored may
# exceed acknowledged by at most one request per connection per run that posts (warm-up windows, mixed, post).
expected=$(( seeded + acknowledged ))
unacknowledged_bound=$(( posting_runs * connections ))
stored_ok=yes
[ "$stored" -ge "$expected" ] && [ "$stored" -le $(( expected + unacknowledged_bound )) ] || stored_ok=no
[ "$errors" -eq 0 ] && [ -z "$hey_bad" ] || stored_ok=no

# ---- 6. peak RSS --------------------------------------------------------------------------------------------
rss_mb=$(peak_rss_mb)

# ---- 7. the HTTP stack alone ----------------------------------------------------------------------------------
stop_server
run_bare_helidon "$duration" "$connections" "$threads"
bare_rps=$(wrk_rps bare)

# ---- report ---------------------------------------------------------------------------------------------
mixed_rps=$(wrk_rps mixed); post_rps=$(wrk_rps post); get_rps=$(wrk_rps get); noop_rps=$(wrk_rps noop)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
row() { printf '%-34s %12s %10s %10s %12s %12s\n' "$@"; }
printf '\n'
row "$db x$nodes (127.0.0.1, ${duration}s, c=$connections t=$threads)" "req/s" "p50 ms" "p99 ms" "rps / no-op" "rps / bare"
row "hey seed POST (-n 1000 -c 50)" "$(hey_rps <"$work/hey-post.txt")" "-" "$(hey_p99 <"$work/hey-post.txt")" "-" "-"
row "hey seed GET limit=100" "$(hey_rps <"$work/hey-get.txt")" "-" "$(hey_p99 <"$work/hey-get.txt")" "-" "-"
for mode in mixed post get; do
  row "wrk $mode" "$(wrk_rps $mode)" "$(wrk_value $mode p50_ms)" "$(wrk_value $mode p99_ms)" \
    "$(ratio "$(wrk_rps $mode)" "$noop_rps")" "$(ratio "$(wrk_rps $mode)" "${bare_rps:-0}")"
done
row "wrk no-op (/observe/health/live)" "$noop_rps" "-" "$noop_p99" "1.00" "$(ratio "$noop_rps" "${bare_rps:-0}")"
# wrk's own latency distribution (no Lua script on this run): "  99%    7.01ms" -> 7.010
bare_ms() { awk -v p="$1%" '$1 == p { v = $2; f = (v ~ /us$/ ? 0.001 : v ~ /ms$/ ? 1 : 1000); sub(/[a-z]+$/, "", v)
  printf "%.3f", v * f }' "$work/wrk-bare.txt"; }
row "wrk bare Helidon route (no Pippa)" "${bare_rps:--}" "$(bare_ms 50)" "$(bare_ms 99)" "-" "1.00"
bare_hey_p99=$(hey_p99 <"$work/bare-hey.txt")
row "hey bare Helidon route" "$(hey_rps <"$work/bare-hey.txt")" "-" "${bare_hey_p99:--}" "-" "-"
printf '\nmessages per page read (a sample of every 16th GET): mixed %s, GET-only %s\n' \
  "$(wrk_value mixed avg_messages)" "$(wrk_value get avg_messages)"
printf 'warm-up before each run (5 s windows until the JIT is quiet):%s; bare route %s\n' "$warm_notes" "${bare_warmed:-none}"
printf 'start-up to first healthy response: %s ms; peak RSS: %s MB\n' "$startup_ms" "$rss_mb"
printf 'acknowledged posts: %s (+%s seeded); stored: %s; 503s shed: %s; other errors: %s\n' \
  "$acknowledged" "$seeded" "$stored" \
  "$(( warm_shed + $(wrk_value mixed shed) + $(wrk_value post shed) + $(wrk_value get shed) ))" "$errors"
[ -z "$hey_bad" ] || printf 'hey non-2xx:\n%s\n' "$hey_bad"
printf 'auth: %s; database: %s; nodes: %s\n' "$auth" "$db" "$nodes"
printf 'baseline: bare_helidon_rps=%s bare_hey_p99_ms=%s\n' "${bare_rps:-none}" "${bare_hey_p99:-none}"
printf 'summary: db=%s nodes=%s mixed_rps=%s mixed_p99_ms=%s mixed_page=%s post_rps=%s get_rps=%s noop_rps=%s rss_mb=%s stored_ok=%s\n' \
  "$db" "$nodes" "$mixed_rps" "$(wrk_value mixed p99_ms)" "$(wrk_value mixed avg_messages)" "$post_rps" "$get_rps" "$noop_rps" \
  "$rss_mb" "$stored_ok"
[ "$stored_ok" = yes ]
