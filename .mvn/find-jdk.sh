# Sourced by ./mvnw and ./pippa: leaves JAVA_HOME on a JDK >= 21 (and PIPPA_JAVA_MAJOR on its major
# version) or stops with a clear message.
# Order: JAVA_HOME when it is new enough, else the newest JDK >= 21 under /usr/lib/jvm.

# A JDK's major version from its `release` file (instant), else from the JVM itself (a JVM start each).
pippa_java_major() {
  local version=""
  if [ -f "$1/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  fi
  if [ -z "$version" ]; then
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
  fi
  echo "$version"
}

pippa_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(pippa_java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ]; then PIPPA_JAVA_MAJOR=$major; return 0; fi
  fi
  best="" best_major=0
  # find, not a glob: mvnw runs with globbing off (set -f).
  for candidate in $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 2>/dev/null); do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(pippa_java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate" best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "pippa: JDK 21 or newer is required. Set JAVA_HOME to one (found none under /usr/lib/jvm; JAVA_HOME=${JAVA_HOME-unset})." >&2
    return 1
  fi
  JAVA_HOME="$best" PIPPA_JAVA_MAJOR="$best_major"
  export JAVA_HOME
}

pippa_find_jdk || exit 1
