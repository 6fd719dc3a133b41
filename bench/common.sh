# Shared by Pippa's bench scripts (sourced, not run): tool installation, starting the service exactly as
# `./pippa serve` does on a fresh temporary database and a free port, and a bare Helidon baseline. Expects
# $root; with $auth (none|bearer, default none), $db (sqlite|postgres, default sqlite) and $nodes (how many
# servers share the database; more than one needs postgres). Sets $work, $server_pid (the first node),
# $base (the first node's URL), $bases (every node's) and $startup_ms; stops the servers (and a PostgreSQL
# cluster it started) on exit.

# shellcheck source=.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"

# need_tools TOOL...: installs missing Debian packages when root, else says what to install.
need_tools() {
  local missing=() tool
  for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "$(basename "$0"): missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root" >&2
    exit 1
  fi
  echo "$(basename "$0"): installing ${missing[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

work=$(mktemp -d)
server_pid=""
server_pids=()
bases=()
pg_bin=/usr/lib/postgresql/15/bin
pg_data=""
cleanup() {
  stop_server
  [ -n "$pg_data" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# start_postgres: a throwaway PostgreSQL 15 cluster (Debian's package, installed when missing) in $work on a
# free port, fsync and synchronous commit on as in production; sets $db_url.
start_postgres() {
  [ -x "$pg_bin/initdb" ] || need_tools postgresql-15 || true
  [ -x "$pg_bin/initdb" ] || { echo "$(basename "$0"): PostgreSQL 15 is missing (apt-get install postgresql-15)" >&2; exit 1; }
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_data="$work/pg"
  chmod 755 "$work"
  mkdir "$pg_data" && chown postgres "$pg_data"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -U pippa --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
    -o "-p $port -k $pg_data -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c synchronous_commit=on" \
    start >/dev/null
  runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U pippa pippa
  db_url="postgresql://pippa@127.0.0.1:$port/pippa"
}

# start_server: builds (outside the timing), starts $nodes servers on one database, and waits for each one's
# first healthy response ($startup_ms: the first node's).
start_server() {
  "$root/pippa" build
  local database=(PIPPA_DB_PATH="$work/bench.db") secret node log started_at url
  if [ "${db:-sqlite}" = postgres ]; then
    [ -n "$pg_data" ] || start_postgres
    database=(PIPPA_DB_URL="$db_url")
  fi
  secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
  server_pids=()
  bases=()
  for node in $(seq 1 "${nodes:-1}"); do
    log="$work/server-$node.log"
    started_at=$(date +%s%N)
    env SERVER_PORT=0 "${database[@]}" PIPPA_ACCESS_LOG=false PIPPA_AUTH="${auth:-none}" PIPPA_JWT_SECRET="$secret" \
      PIPPA_RATE_LIMIT="${PIPPA_RATE_LIMIT:-off}" "$root/pippa" serve >"$log" 2>&1 &
    server_pids+=($!)
    for _ in $(seq 1 1500); do # 30 s
      grep -qs "pippa: serving" "$log" && break
      kill -0 "${server_pids[-1]}" 2>/dev/null || { cat "$log" >&2; exit 1; }
      sleep 0.02
    done
    url=$(sed -n 's/^pippa: serving \(http:[^ ]*\).*/\1/p' "$log")
    [ -n "$url" ] || { echo "the server did not start in 30 s:" >&2; cat "$log" >&2; exit 1; }
    until curl -sf "$url/observe/health" >/dev/null; do sleep 0.01; done
    [ "$node" -gt 1 ] || startup_ms=$(( ($(date +%s%N) - started_at) / 1000000 ))
    bases+=("$url")
  done
  server_pid=${server_pids[0]}
  base=${bases[0]}
}

# stop_server: SIGTERM to every node, and wait until each has drained and exited.
stop_server() {
  local pid
  for pid in "${server_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  server_pids=()
  server_pid=""
}

# run_bare_helidon SECONDS CONNECTIONS THREADS: a bare Helidon route (bench/BareHelidon.java, on the service's
# classpath and JVM flags), the HTTP stack alone on this machine now. Writes wrk's output to $work/wrk-bare.txt
# (after warm_up) and the seed test's hey GET against it to $work/bare-hey.txt: the floor of both
# load generators here; both files stay empty if the route did not start. Call it with the service stopped,
# so the two do not share the cores.
run_bare_helidon() {
  : >"$work/wrk-bare.txt"
  : >"$work/bare-hey.txt"
  "$JAVA_HOME/bin/java" -Xmx192m -XX:+UseSerialGC -cp "$root/bootstrap/target/libs/*" "$root/bench/BareHelidon.java" \
    >"$work/bare.log" 2>&1 &
  local pid=$! url=""
  for _ in $(seq 1 1500); do # 30 s: a single-file program is compiled first
    url=$(sed -n 's/^bare helidon: //p' "$work/bare.log")
    [ -n "$url" ] && break
    sleep 0.02
  done
  if [ -n "$url" ]; then
    warm_up 5 "$pid" wrk -t"$3" -c"$2" -d5s "$url/hello" >/dev/null 2>&1
    bare_warmed=$warmed
    wrk -t"$3" -c"$2" -d"$1s" --latency "$url/hello" >"$work/wrk-bare.txt" 2>&1
    hey -n 1000 -c 50 "$url/hello" >"$work/bare-hey.txt" 2>&1
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true # killed by SIGTERM: not a failure
}

# server_jvms: the process ids of the running nodes' JVMs, on one line (./pippa execs java, so these are the
# nodes' pids).
server_jvms() { local pid; for pid in "${server_pids[@]}"; do pgrep -P "$pid" java || echo "$pid"; done | xargs; }

# jit_ticks PID...: CPU time (1/100 s) the JIT compiler threads of these JVMs have used so far (0 for others).
jit_ticks() {
  local pid task total=0
  for pid in "$@"; do
    for task in /proc/"$pid"/task/*; do
      case "$(cat "$task/comm" 2>/dev/null)" in
        C1\ Compiler*|C2\ Compiler*) total=$(( total + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0) )) ;;
      esac
    done
  done
  echo "$total"
}

# warm_up MIN_SECONDS "PID..." COMMAND...: runs COMMAND (one window of load, a few seconds) again and again
# until MIN_SECONDS have passed and, in the last window, the JIT compilers of the JVMs in PIDS used under 5 %
# of a core; at most 120 s. On two cores the JIT competes with the server for CPU: under the mixed load it
# compiled for about 20 s here, and throughput doubled once it was done, so a fixed short warm-up measured
# compilation, not the server. Sets $warmed: how long it took and the JIT's share of a core in the last window.
warm_up() {
  local min=$1 pids=$2 started=$SECONDS window_start before share
  shift 2
  while :; do
    window_start=$SECONDS
    before=$(jit_ticks $pids)
    "$@"
    share=$(( ($(jit_ticks $pids) - before) / (SECONDS - window_start > 0 ? SECONDS - window_start : 1) ))
    if { [ $(( SECONDS - started )) -ge "$min" ] && [ "$share" -lt 5 ]; } || [ $(( SECONDS - started )) -ge 120 ]; then
      break
    fi
  done
  warmed="$(( SECONDS - started )) s, JIT ${share} % of a core in the last window"
}

# peak_rss_mb: the server JVM's peak resident memory (VmHWM) in MB.
peak_rss_mb() {
  local java_pid
  java_pid=$(pgrep -P "$server_pid" java || echo "$server_pid")
  awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$java_pid/status"
}

# Reading the runs' outputs in $work: wrk-RUN.txt or wrk-RUN-N.txt (one per node), written with bench/mixed.lua.
wrk_files() { local file; for file in "$work/wrk-$1.txt" "$work"/wrk-"$1"-[0-9].txt; do [ ! -e "$file" ] || echo "$file"; done; }
wrk_value() { # run key: counts add up over the nodes' runs; p50/p99 are the slowest node's; page sizes average
  wrk_files "$1" | xargs sed -n "s/.*$2=\([0-9.]*\).*/\1/p" | case $2 in
    p50_ms|p99_ms) sort -g | tail -1 ;;
    avg_messages) awk '{s += $1; n++} END {if (n) printf "%.1f", s / n}' ;;
    *) awk '{s += $1} END {printf "%d", s}' ;;
  esac
}
wrk_rps() { wrk_files "$1" | xargs sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p' | awk '{s += $1} END {printf "%.0f", s}'; }
# hey's output on stdin: its p99 in ms, its requests per second.
hey_p99() { sed -n 's/^ *99% in \([0-9.]*\) secs.*/\1/p' | awk '{printf "%.2f", $1 * 1000}'; }
hey_rps() { sed -n 's/^ *Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p' | awk '{printf "%.0f", $1}'; }
