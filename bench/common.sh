# Shared by Pippa's bench scripts (sourced, not run): tool installation, starting the service exactly as
# `./pippa serve` does on a fresh temporary database and a free port, and a bare Helidon baseline. Expects
# $root; with $auth (none|bearer, default none). Sets $work, $server_pid, $base and $startup_ms; stops the
# server on exit.

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
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# start_server: builds (outside the timing), starts, and waits for the first healthy response.
start_server() {
  "$root/pippa" build
  local started_at
  started_at=$(date +%s%N)
  SERVER_PORT=0 PIPPA_DB_PATH="$work/bench.db" PIPPA_ACCESS_LOG=false PIPPA_AUTH="${auth:-none}" \
    PIPPA_JWT_SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" PIPPA_RATE_LIMIT="${PIPPA_RATE_LIMIT:-off}" \
    "$root/pippa" serve >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 1500); do # 30 s
    grep -qs "pippa: serving" "$work/server.log" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.02
  done
  base=$(sed -n 's/^pippa: serving \(http:[^ ]*\).*/\1/p' "$work/server.log")
  [ -n "$base" ] || { echo "the server did not start in 30 s:" >&2; cat "$work/server.log" >&2; exit 1; }
  until curl -sf "$base/observe/health" >/dev/null; do sleep 0.01; done
  startup_ms=$(( ($(date +%s%N) - started_at) / 1000000 ))
}

# stop_server: SIGTERM, and wait until it has drained and exited.
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

# run_bare_helidon SECONDS CONNECTIONS THREADS: a bare Helidon route (bench/BareHelidon.java, on the service's
# classpath and JVM flags), the HTTP stack alone on this machine now. Writes wrk's output to $work/wrk-bare.txt
# (after a short warm-up) and the seed test's hey GET against it to $work/bare-hey.txt: the floor of both
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
    wrk -t"$3" -c"$2" -d3s "$url/hello" >/dev/null 2>&1
    wrk -t"$3" -c"$2" -d"$1s" --latency "$url/hello" >"$work/wrk-bare.txt" 2>&1
    hey -n 1000 -c 50 "$url/hello" >"$work/bare-hey.txt" 2>&1
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true # killed by SIGTERM: not a failure
}

# peak_rss_mb: the server JVM's peak resident memory (VmHWM) in MB.
peak_rss_mb() {
  local java_pid
  java_pid=$(pgrep -P "$server_pid" java || echo "$server_pid")
  awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$java_pid/status"
}
