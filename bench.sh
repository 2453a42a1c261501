#!/usr/bin/env bash
# The performance benchmark: one run, all figures side by side on this machine.
#   1 ceiling   a bare Kestrel endpoint of the same shape (bench/Ceiling), wrk
#   2 /next     single-machine gateway, real Redis write-through, event log on:
#               StickyArtist users, Session users, a 50/50 experiment (wrk + bench/next.lua)
#   3 sim       10,000 episodes of the A/B experiment through HTTP (Sim run)
#   4 resources peak RSS of the service, Redis memory of user state
# Prints one table and writes it to bench/results/<date>-<commit>.md and bench/results/latest.md.
# Run ./bench.sh --help for the options.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

WARMUP=30
DURATION=15
CONNECTIONS=32
THREADS=2
USERS=10000
EPISODES=10000
SEED=42
BUILD=1
REDIS_EXTERNAL=""
REDIS_PID=""
GATEWAY_EXTRA=()

usage() {
  cat <<USAGE
Usage: ./bench.sh [options] [-- extra gateway arguments]

Measures the ceiling (bare Kestrel), POST /next with StickyArtist / Session / a 50/50
experiment (real Redis write-through, event log on), 10,000 simulated A/B episodes over
HTTP, and the service's memory; prints one table and writes bench/results/.

Options:
  --warmup S        seconds of wrk warm-up before each measured window (default $WARMUP: a fresh
                    gateway still spends ~20 % of its CPU in the JIT after 10 s under load)
  --duration S      seconds of each measured wrk window (default $DURATION)
  --connections N   wrk connections (default $CONNECTIONS)
  --threads N       wrk threads (default $THREADS)
  --users N         random users out of N (default $USERS; also the synthetic tables' rows)
  --episodes N      simulated A/B episodes (default $EPISODES)
  --seed N          world and table seed (default $SEED)
  --redis HOST:PORT use this Redis instead of a throwaway redis-server (it gets a catalog published)
  --no-build        use the binaries already in bench/.build
  -h, --help        this text
Anything after -- is passed to every gateway start (e.g. -- --Botify:Dashboard=false).
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) WARMUP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --episodes) EPISODES="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --redis) REDIS_EXTERNAL="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; GATEWAY_EXTRA=("$@"); break ;;
    *) echo "bench.sh: unknown option '$1' (see ./bench.sh --help)" >&2; exit 2 ;;
  esac
done
for n in "$WARMUP" "$DURATION" "$CONNECTIONS" "$THREADS" "$USERS" "$EPISODES" "$SEED"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "bench.sh: '$n' is not a whole number; numeric options take digits only" >&2; exit 2; }
done
[ "$DURATION" -ge 1 ] && [ "$CONNECTIONS" -ge 1 ] && [ "$THREADS" -ge 1 ] && [ "$USERS" -ge 1 ] \
  || { echo "bench.sh: --duration, --connections, --threads and --users must be 1 or more" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset BOTIFY_REDIS # every gateway start says where its state goes
BIN="$ROOT/bench/.build"
DATA="$ROOT/bench/.data"
RUN="$DATA/run"
WORLD="$ROOT/data/world-$SEED"
TABLES="$DATA/tables-$SEED-$USERS"
mkdir -p "$DATA" "$ROOT/bench/results"
rm -rf "$RUN"; mkdir -p "$RUN"

BENCH_START=$(date +%s)
STAGE_START=0
stage() { STAGE_START=$(date +%s); printf '\n\033[1m==> %s\033[0m\n' "$*"; }
done_stage() { printf '    done in %ss\n' "$(( $(date +%s) - STAGE_START ))"; }
say() { printf '    %s\n' "$*"; }

# Everything started here is stopped on exit, Ctrl-C included.
PIDS=()
stop_pid() {
  local pid=$1
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  [ $code -ne 0 ] && echo "bench.sh: stopped (exit $code); service output is in $RUN" >&2
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $(( 20000 + RANDOM % 20000 )); }

wait_http() { # url pid name
  for _ in $(seq 1 600); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "bench.sh: $3 exited; its last output:" >&2; tail -20 "$RUN/$3.out" >&2; exit 1; }
    sleep 0.2
  done
  echo "bench.sh: $3 did not answer $1 within 120 s; see $RUN/$3.out" >&2; exit 1
}

# 0. tools -------------------------------------------------------------------
stage "0/6 tools"
MISSING=()
command -v wrk >/dev/null 2>&1 || MISSING+=(wrk)
if [ -z "$REDIS_EXTERNAL" ]; then command -v redis-server >/dev/null 2>&1 || MISSING+=(redis-server); fi
command -v redis-cli >/dev/null 2>&1 || MISSING+=(redis-tools)
command -v curl >/dev/null 2>&1 || MISSING+=(curl)
if [ ${#MISSING[@]} -gt 0 ]; then
  say "installing ${MISSING[*]} through apt"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${MISSING[@]}" >/dev/null \
    || { echo "bench.sh: could not install ${MISSING[*]}; install them (apt-get install ${MISSING[*]}) and run again" >&2; exit 1; }
fi
command -v dotnet >/dev/null 2>&1 || { echo "bench.sh: dotnet is not on PATH; install the .NET 10 SDK" >&2; exit 1; }
say "wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $(redis-server --version 2>/dev/null | awk '{print $1, $3}' || echo 'external redis'), dotnet $(dotnet --version)"
done_stage

# 1. build -------------------------------------------------------------------
stage "1/6 build (Release) into bench/.build"
if [ "$BUILD" = 1 ]; then
  for p in bench/Ceiling/Ceiling Gateway/Gateway Sim/Sim Lab/Lab; do
    name=$(basename "$p")
    say "$name"
    dotnet build "$p.csproj" -c Release -nologo -v quiet -o "$BIN/$name" >"$RUN/build-$name.out" 2>&1 \
      || { echo "bench.sh: building $name failed:" >&2; grep -E "error" "$RUN/build-$name.out" | head -20 >&2; exit 1; }
  done
fi
for name in Ceiling Gateway Sim Lab; do
  [ -f "$BIN/$name/$name.dll" ] || { echo "bench.sh: $BIN/$name/$name.dll is missing; run without --no-build" >&2; exit 1; }
done
done_stage

# 2. data --------------------------------------------------------------------
stage "2/6 world (seed $SEED) and synthetic tables for $USERS users"
if [ -f "$WORLD/tracks.json" ]; then
  say "using the world in $WORLD"
else
  dotnet "$BIN/Sim/Sim.dll" world --seed "$SEED" --out "$WORLD" >"$RUN/world.out" 2>&1 \
    || { echo "bench.sh: sim world failed:" >&2; tail -20 "$RUN/world.out" >&2; exit 1; }
  say "generated $WORLD"
fi
if [ ! -f "$TABLES/.complete" ]; then
  rm -rf "$TABLES"; mkdir -p "$TABLES"
  grep -o '"track":[0-9]*' "$WORLD/tracks.json" | cut -d: -f2 >"$TABLES/tracks.txt"
  cp "$WORLD/tracks.json" "$TABLES/tracks.json"
  # Random rows stand in for trained models: the serving cost does not depend on their quality.
  for table in gcf lfm; do
    awk -v users="$USERS" -v seed="$SEED$table" 'BEGIN { srand(length(seed) * 7919 + substr(seed, 1, 4)) }
      { t[NR - 1] = $1 }
      END { for (u = 0; u < users; u++) { printf "{\"user\":%d,\"tracks\":[", u
              for (i = 0; i < 100; i++) printf (i ? ",%d" : "%d"), t[int(rand() * NR)]
              print "]}" } }' "$TABLES/tracks.txt" >"$TABLES/recommendations_$table.json"
  done
  awk -v seed="$SEED" 'BEGIN { srand(seed) } { t[NR - 1] = $1 }
    END { for (k = 0; k < NR; k++) { printf "{\"track\":%d,\"recommendations\":[", t[k]
            for (i = 0; i < 50; i++) printf (i ? ",%d" : "%d"), t[int(rand() * NR)]
            print "]}" } }' "$TABLES/tracks.txt" >"$TABLES/recommendations_contextual.json"
  head -100 "$TABLES/tracks.txt" | paste -sd, | sed 's/^/[/; s/$/]/' >"$TABLES/top_tracks.json"
  touch "$TABLES/.complete"
  say "generated per-user tables gcf, lfm ($USERS × 100) and per-track contextual ($(wc -l <"$TABLES/tracks.txt") × 50) in $TABLES"
else
  say "using the tables in $TABLES"
fi
done_stage

# 3. redis + catalog -----------------------------------------------------------
stage "3/6 Redis and catalog"
if [ -n "$REDIS_EXTERNAL" ]; then
  REDIS="$REDIS_EXTERNAL"
  say "Redis at $REDIS (not flushed; user state of earlier runs stays)"
else
  RPORT=$(free_port)
  mkdir -p "$RUN/redis"
  redis-server --port "$RPORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$RUN/redis" \
    --logfile "$RUN/redis/redis.log" --daemonize no &
  PIDS+=($!)
  REDIS_PID=$!
  REDIS="127.0.0.1:$RPORT"
  for _ in $(seq 1 50); do redis-cli -p "$RPORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  say "throwaway redis-server on $REDIS (stopped at the end)"
fi
RHOST=${REDIS%:*}; RPORT=${REDIS##*:}
rcli() { redis-cli -h "$RHOST" -p "$RPORT" "$@"; }
dotnet "$BIN/Lab/Lab.dll" publish --redis "$REDIS" --data "$TABLES" >"$RUN/publish.out" 2>&1 \
  || { echo "bench.sh: publishing the catalog failed:" >&2; tail -20 "$RUN/publish.out" >&2; exit 1; }
say "published $TABLES"
redis_used() { rcli info memory | tr -d '\r' | awk -F: '$1 == "used_memory" { print $2 }'; }
REDIS_BEFORE=$(redis_used)
done_stage

# 4. wrk scenarios -------------------------------------------------------------
# Results: one "name|rps|p50_ms|p99_ms|errors|cpu_us_per_request|gc_pause_pct|gcs|note" line per scenario
# (gc fields "-" where the process has no /health to read them from).
RESULTS="$RUN/results.txt"; : >"$RESULTS"

# CPU time (user + system, in clock ticks) of the service and the throwaway Redis: per request it depends less
# on how busy the shared machine is than requests/s does.
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
cpu_ticks() { local t=0 pid; for pid in "$@"; do [ -r "/proc/$pid/stat" ] && t=$(( t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat") )); done; echo "$t"; }

# GC figures of a gateway from GET /health: "<pause ms> <gen0+gen1+gen2 collections> <uptime s>", or "" without one.
gc_reading() {
  curl -fs "$1/health" 2>/dev/null | tr -d '\n ' | grep -o '"process":{[^}]*}' \
    | awk '{ match($0, /"gcPauseMilliseconds":[-0-9.eE+]*/); p = substr($0, RSTART + 22, RLENGTH - 22)
             match($0, /"gcCollections":\[[0-9,]*\]/); split(substr($0, RSTART + 17, RLENGTH - 18), c, ",")
             match($0, /"uptimeSeconds":[-0-9.eE+]*/); u = substr($0, RSTART + 16, RLENGTH - 16)
             print p, c[1] + c[2] + c[3], u }' || true
}

# The GC's share of a window from two readings: "<pause % of wall>|<collections>", "-|-" without readings.
gc_share() {
  [ -n "$1" ] && [ -n "$2" ] || { echo "-|-"; return; }
  echo "$1 $2" | awk '{ w = ($6 - $3) * 1000; printf "%.1f|%d", (w > 0 ? 100 * ($4 - $1) / w : 0), $5 - $2 }'
}

run_wrk() { # name url pid note
  local name=$1 url=$2 pid=$3 note=$4 line cpu0 cpu1 gc0 gc1
  say "$name: warm-up ${WARMUP}s"
  [ "$WARMUP" -gt 0 ] && wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/next.lua "$url" -- "$TABLES/tracks.txt" "$USERS" >"$RUN/wrk-$name-warmup.out" 2>&1
  say "$name: measuring ${DURATION}s, $CONNECTIONS connections (load average $(cut -d' ' -f1 /proc/loadavg))"
  cpu0=$(cpu_ticks "$pid" $REDIS_PID); gc0=$(gc_reading "$url")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/next.lua "$url" -- "$TABLES/tracks.txt" "$USERS" >"$RUN/wrk-$name.out" 2>&1
  cpu1=$(cpu_ticks "$pid" $REDIS_PID); gc1=$(gc_reading "$url")
  line=$(grep '^BENCH ' "$RUN/wrk-$name.out") || { echo "bench.sh: wrk gave no result for $name:" >&2; cat "$RUN/wrk-$name.out" >&2; exit 1; }
  eval "local ${line#BENCH }"
  awk -v n="$name" -v r="$requests" -v d="$duration_us" -v p50="$p50_us" -v p99="$p99_us" -v e=$((status_errors + socket_errors)) -v note="$note" \
    -v cpu=$(( (cpu1 - cpu0) * TICK_US )) -v gc="$(gc_share "$gc0" "$gc1")" \
    'BEGIN { printf "%s|%.0f|%.2f|%.2f|%d|%.0f|%s|%s\n", n, r / (d / 1e6), p50 / 1000, p99 / 1000, e, (r ? cpu / r : 0), gc, note }' >>"$RESULTS"
  say "$(tail -1 "$RESULTS" | awk -F'|' '{ printf "%s requests/s, p50 %s ms, p99 %s ms, errors %s, %s µs CPU per request, GC paused %s %% of the window (%s collections)", $2, $3, $4, $5, $6, $7, $8 }')"
}

GW_PID=""
start_gateway() { # name storage-args extra-args...
  local name=$1; shift
  local port; port=$(free_port)
  URL="http://127.0.0.1:$port"
  dotnet "$BIN/Gateway/Gateway.dll" --urls "$URL" --log-dir "$RUN/log" --instance "bench-$name" \
    --silo-port "$(free_port)" --gateway-port "$(free_port)" "$@" "${GATEWAY_EXTRA[@]}" >"$RUN/gateway-$name.out" 2>&1 &
  GW_PID=$!
  PIDS+=($GW_PID)
  wait_http "$URL/health" "$GW_PID" "gateway-$name"
}
stop_gateway() { stop_pid "$GW_PID"; }

stage "4/6 wrk: ceiling and POST /next (warm-up ${WARMUP}s + ${DURATION}s each)"
CPORT=$(free_port)
dotnet "$BIN/Ceiling/Ceiling.dll" --urls "http://127.0.0.1:$CPORT" >"$RUN/ceiling.out" 2>&1 &
CEILING_PID=$!
PIDS+=($CEILING_PID)
wait_http "http://127.0.0.1:$CPORT/health" "$CEILING_PID" ceiling
REDIS_PID_SAVED=$REDIS_PID; REDIS_PID="" # the ceiling does not use Redis
run_wrk ceiling "http://127.0.0.1:$CPORT" "$CEILING_PID" "bare Kestrel, same JSON shape"
stop_pid "$CEILING_PID"
REDIS_PID=$REDIS_PID_SAVED

NONE=(--Botify:ServingExperiment=none)
STORE=(--redis "$REDIS")
start_gateway sticky "${STORE[@]}" "${NONE[@]}" --Botify:DefaultRecommender=StickyArtist
run_wrk next-sticky "$URL" "$GW_PID" "StickyArtist, Redis write-through, event log"
stop_gateway

start_gateway session "${STORE[@]}" "${NONE[@]}" --Botify:DefaultRecommender=Session
run_wrk next-session "$URL" "$GW_PID" "Session (gcf/lfm tables), Redis write-through, event log"
stop_gateway

# Not a target: the same with in-memory grain storage, to show what the Redis write-through costs in this run.
start_gateway session-memory --catalog "$TABLES" "${NONE[@]}" --Botify:DefaultRecommender=Session
REDIS_PID_SAVED=$REDIS_PID; REDIS_PID=""
run_wrk next-session-mem "$URL" "$GW_PID" "the same, in-memory grain storage (no Redis; for comparison only)"
REDIS_PID=$REDIS_PID_SAVED
stop_gateway

AB=(--Botify:Experiments:0:Name=SESSION --Botify:Experiments:0:Arms:C=StickyArtist --Botify:Experiments:0:Arms:T1=Session)
start_gateway ab "${STORE[@]}" "${AB[@]}"
run_wrk next-ab "$URL" "$GW_PID" "experiment SESSION: C StickyArtist / T1 Session"
done_stage

# 5. simulator -------------------------------------------------------------------
stage "5/6 simulator: $EPISODES A/B episodes through HTTP (same gateway)"
SIM_START=$(date +%s.%N)
SIM_CPU0=$(cpu_ticks "$GW_PID" $REDIS_PID); SIM_GC0=$(gc_reading "$URL")
dotnet "$BIN/Sim/Sim.dll" run --gateway "$URL" --world "$WORLD" --episodes "$EPISODES" --seed "$SEED" --out "$RUN/sim.json" \
  >"$RUN/sim.out" 2>&1 || { echo "bench.sh: sim run failed:" >&2; tail -20 "$RUN/sim.out" >&2; exit 1; }
SIM_CPU1=$(cpu_ticks "$GW_PID" $REDIS_PID); SIM_GC1=$(gc_reading "$URL")
SIM_WALL=$(awk -v s="$SIM_START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
json_num() { { grep -o "\"$1\": *[-0-9.eE+]*" "$RUN/sim.json" || echo "x: 0"; } | head -1 | sed 's/.*: *//'; }
SIM_ELAPSED=$(json_num elapsed_seconds); SIM_REQ=$(json_num requests); SIM_FAILED=$(json_num failed_episodes)
SIM_RPS=$(json_num requests_per_second); SIM_P50=$(json_num latency_p50_ms); SIM_P99=$(json_num latency_p99_ms)
SIM_ERRORS=$({ tr -d '\n' <"$RUN/sim.json" | grep -o '"errors": *{[^}]*}' || true; } | { grep -o ': *[0-9][0-9]*' || true; } | tr -d ': ' | awk '{ s += $1 } END { print s + 0 }')
SIM_EPS=$(awk -v n="$EPISODES" -v t="$SIM_ELAPSED" 'BEGIN { printf "%.0f", n / t }')
awk -v r="$SIM_RPS" -v p50="$SIM_P50" -v p99="$SIM_P99" -v e=$((SIM_ERRORS + SIM_FAILED)) -v t="$SIM_ELAPSED" -v eps="$SIM_EPS" -v n="$EPISODES" -v q="$SIM_REQ" \
  -v cpu=$(( (SIM_CPU1 - SIM_CPU0) * TICK_US )) -v gc="$(gc_share "$SIM_GC0" "$SIM_GC1")" \
  'BEGIN { printf "sim-ab|%.0f|%.2f|%.2f|%d|%.0f|%s|%d episodes in %.1f s (%s episodes/s, %d requests, /next + /last)\n", r, p50, p99, e, (q ? cpu / q : 0), gc, n, t, eps, q }' >>"$RESULTS"
say "$(awk -v n="$EPISODES" -v t="$SIM_ELAPSED" -v w="$SIM_WALL" -v e="$SIM_EPS" -v r="$SIM_RPS" -v x="$SIM_ERRORS" -v f="$SIM_FAILED" \
  'BEGIN { printf "%d episodes in %.1f s (process wall %s s), %s episodes/s, %.0f requests/s, errors %d, failed episodes %d", n, t, w, e, r, x, f }')"
done_stage

# 6. resources ---------------------------------------------------------------------
stage "6/6 resources"
RSS_PEAK_KB=$(awk '/^VmHWM/ { print $2 }' "/proc/$GW_PID/status")
RSS_NOW_KB=$(awk '/^VmRSS/ { print $2 }' "/proc/$GW_PID/status")
USER_KEYS=$(rcli --scan --pattern 'botify/state/user/*' | wc -l)
REDIS_AFTER=$(redis_used)
SAMPLE_BYTES=$(set +o pipefail; rcli --scan --pattern 'botify/state/user/*' | head -200 | while read -r k; do rcli memory usage "$k"; done \
  | awk '{ s += $1; n++ } END { if (n) printf "%.0f", s / n; else print 0 }')
stop_gateway
RSS_PEAK_MB=$((RSS_PEAK_KB / 1024)); RSS_NOW_MB=$((RSS_NOW_KB / 1024))
REDIS_DELTA_MB=$(awk -v a="$REDIS_AFTER" -v b="$REDIS_BEFORE" 'BEGIN { printf "%.1f", (a - b) / 1048576 }')
REDIS_SAMPLED_MB=$(awk -v s="$SAMPLE_BYTES" -v n="$USER_KEYS" 'BEGIN { printf "%.1f", s * n / 1048576 }')
say "service RSS peak ${RSS_PEAK_MB} MB (now ${RSS_NOW_MB} MB); $USER_KEYS user keys in Redis, ${SAMPLE_BYTES} B each (MEMORY USAGE, 200 sampled)"
done_stage

# table ---------------------------------------------------------------------------
CEILING_RPS=$(awk -F'|' '$1 == "ceiling" { print $2 }' "$RESULTS")
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain --untracked-files=no -- Gateway Grains Grains.Interfaces Silo 2>/dev/null | grep -q . && echo " (+ uncommitted changes)" || true)
STAMP=$(date -u +%Y-%m-%dT%H%M)
TABLE=$(awk -F'|' -v c="$CEILING_RPS" 'BEGIN {
    print "| scenario | requests/s | p50 ms | p99 ms | ratio to ceiling | errors | CPU µs/request | GC paused | GCs | what |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|" }
  { printf "| %s | %s | %s | %s | %.0f %% | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, 100 * $2 / c, $5, $6, ($7 == "-" ? "-" : $7 " %"), $8, $9 }' "$RESULTS")
SESSION_LINE=$(awk -F'|' -v c="$CEILING_RPS" '$1 == "next-session" { printf "%.0f %% of the ceiling, p99 %s ms, %s errors", 100 * $2 / c, $4, $5 }' "$RESULTS")
TARGETS=$(awk -F'|' -v c="$CEILING_RPS" -v t="$SIM_ELAPSED" -v rss="$RSS_PEAK_MB" -v n="$EPISODES" '
  $1 == "next-session" { ratio = 100 * $2 / c; p99 = $4 }
  { errors += $5 }
  END {
    printf "- /next Session ≥ 40 %% of ceiling: %s (%.0f %%)\n", (ratio >= 40 ? "met" : "NOT met"), ratio
    printf "- /next Session p99 < 10 ms: %s (%s ms)\n", (p99 < 10 ? "met" : "NOT met"), p99
    printf "- 0 errors in every scenario: %s (%d)\n", (errors == 0 ? "met" : "NOT met"), errors
    printf "- %d A/B episodes over HTTP < 20 s: %s (%.1f s)\n", n, (t < 20 ? "met" : "NOT met"), t
    printf "- service RSS < 400 MB: %s (%d MB peak)\n", (rss < 400 ? "met" : "NOT met"), rss
  }' "$RESULTS")
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MACHINE="$(nproc) cores, ${CPU:-unknown CPU}, $(free -m | awk '/^Mem:/ { print $2 " MB RAM" }'), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
REPORT="$ROOT/bench/results/$STAMP-$COMMIT.md"
{
  echo "# Benchmark $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT$DIRTY"
  echo
  echo "Machine: $MACHINE. wrk: $CONNECTIONS connections, $THREADS threads, ${WARMUP} s warm-up + ${DURATION} s measured per scenario;"
  echo "random users out of $USERS, random catalog tracks, random time. The load generator shares the cores: compare ratios within one run."
  echo "CPU µs/request: user + system CPU of the service process and the throwaway redis-server during the measured window, per request"
  echo "(the ceiling: its own process; wrk not counted). It depends less on the machine's load than requests/s does, but contention"
  echo "(context switches, spinning) still inflates it: compare it within one run too."
  echo "GC paused: the share of the measured window the service's garbage collector had its threads stopped, and GCs the"
  echo "collections in it (two readings of GET /health); a request that arrives during a pause waits for all of it."
  [ ${#GATEWAY_EXTRA[@]} -gt 0 ] && echo "Extra gateway arguments: ${GATEWAY_EXTRA[*]}"
  echo
  echo "$TABLE"
  echo
  echo "Resources (the A/B gateway, after all scenarios and the simulator touched $USER_KEYS distinct users, catalog with 2 per-user tables of $USERS × 100 and a per-track table of 50,000 × 50 loaded):"
  echo
  echo "| resource | value |"
  echo "|---|---:|"
  echo "| service peak RSS (VmHWM) | $RSS_PEAK_MB MB |"
  echo "| service RSS at the end | $RSS_NOW_MB MB |"
  echo "| Redis used_memory growth from user state | $REDIS_DELTA_MB MB |"
  echo "| user-state keys × sampled MEMORY USAGE | $USER_KEYS × $SAMPLE_BYTES B = $REDIS_SAMPLED_MB MB |"
  echo
  echo "Targets:"
  echo
  echo "$TARGETS"
} >"$REPORT"
cp "$REPORT" "$ROOT/bench/results/latest.md"

printf '\n\033[1mBenchmark\033[0m (commit %s%s; %s)\n\n' "$COMMIT" "$DIRTY" "$MACHINE"
echo "$TABLE" | awk -F'|' '{ printf "%-17s %11s %8s %8s %10s %7s %10s %10s %5s  %s\n", $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }' | sed '2d' | sed 's/ *$//'
echo
echo "service RSS peak $RSS_PEAK_MB MB; Redis user state $REDIS_DELTA_MB MB growth ($USER_KEYS keys × $SAMPLE_BYTES B sampled = $REDIS_SAMPLED_MB MB)"
echo "/next Session: $SESSION_LINE"
echo "$TARGETS"
echo
echo "written to bench/results/$(basename "$REPORT") and bench/results/latest.md (total $(( $(date +%s) - BENCH_START )) s)"
