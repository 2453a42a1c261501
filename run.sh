#!/usr/bin/env bash
# The main job, end to end: world → service → day 1 (collect) → train → publish →
# day 2 (A/B: StickyArtist vs the seed's Session vs the project's own recommender) → report.
# Run ./run.sh --help for the options.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

SEED=42
DAY1_EPISODES=20000
DAY2_EPISODES=10000
REDIS="${BOTIFY_REDIS:-}"
OUT=""
KEEP_RUNNING=0
PORT=""
WORLD_ARGS=()
T2_SPEC="${BOTIFY_T2:-SessionNeighbours}"

usage() {
  cat <<USAGE
Usage: ./run.sh [options]

Runs the whole product loop on one machine and ends with the A/B verdict:
  1 build (Release)            2 world (seed N, generated once into data/world-N)
  3 service (single machine: real Redis when --redis/BOTIFY_REDIS is set or redis-server
    is installed — a throwaway instance on a free port — otherwise in memory)
  4 day 1: collect sessions with Random vs StickyArtist (experiment DAY1)
  5 train TopPop, Contextual, LFM, LGCF from day 1's log and publish them (hot swap)
  6 day 2: experiment DAY2, C = StickyArtist, T1 = Session (seed's), T2 = ${T2_SPEC}
  7 A/B analysis: table, one verdict line per treatment, report files

Options:
  --seed N              world seed (default $SEED); day seeds derive from it
  --day1-episodes N     episodes of day 1 (default $DAY1_EPISODES)
  --episodes N          episodes of day 2, the experiment (default $DAY2_EPISODES)
  --redis HOST:PORT     use this Redis (default: \$BOTIFY_REDIS, else a throwaway redis-server)
  --in-memory           do not use Redis even if redis-server is installed
  --out DIR             output folder (default runs/seed-N)
  --port N              gateway port (default: a free port)
  --world-tracks N      tracks of a generated world (default: the simulator's, 50,000)
  --world-artists N     artists of a generated world (default: the simulator's, 5,000)
  --world-listeners N   listeners of a generated world (default: the simulator's, 10,000)
  --no-build            use the binaries already built (bin/Release) instead of building
  --keep-running        leave the service up at the end (dashboard, curl); Ctrl-C stops it
  -h, --help            this text
USAGE
}

IN_MEMORY=0
NO_BUILD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) SEED="$2"; shift 2 ;;
    --day1-episodes) DAY1_EPISODES="$2"; shift 2 ;;
    --episodes) DAY2_EPISODES="$2"; shift 2 ;;
    --redis) REDIS="$2"; shift 2 ;;
    --in-memory) IN_MEMORY=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --world-tracks) WORLD_ARGS+=(--tracks "$2"); shift 2 ;;
    --world-artists) WORLD_ARGS+=(--artists "$2"); shift 2 ;;
    --world-listeners) WORLD_ARGS+=(--listeners "$2"); shift 2 ;;
    --keep-running) KEEP_RUNNING=1; shift ;;
    --no-build) NO_BUILD=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done
OUT="${OUT:-runs/seed-$SEED}"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [ ${#WORLD_ARGS[@]} -gt 0 ]; then WORLD="$ROOT/data/world-$SEED$(echo "${WORLD_ARGS[*]}" | tr -cs 'a-z0-9' '-')"; else WORLD="$ROOT/data/world-$SEED"; fi
WORLD="${WORLD%-}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v curl >/dev/null 2>&1; then   # the job polls the service's /health with curl
  echo "==> installing curl (apt)"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq curl >/dev/null \
    || { echo "run.sh: curl is needed and could not be installed; install it with: apt-get install curl" >&2; exit 1; }
fi

JOB_START=$(date +%s)
STAGE_START=0
stage() { STAGE_START=$(date +%s); printf '\n\033[1m==> %s\033[0m\n' "$*"; }
done_stage() { printf '    done in %ss\n' "$(( $(date +%s) - STAGE_START ))"; }

PIDS=()
REDIS_PID=""
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
    kill -TERM "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
  [ $code -ne 0 ] && echo "run.sh: stopped with an error (exit $code); logs are in $OUT" >&2
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $(( 20000 + RANDOM % 20000 )); }

BIN=bin/Release/net10.0
GATEWAY="dotnet $ROOT/Gateway/$BIN/Gateway.dll"
SIM="dotnet $ROOT/Sim/$BIN/Sim.dll"
LAB="dotnet $ROOT/Lab/$BIN/Lab.dll"

# 1. build -----------------------------------------------------------------
stage "1/7 build (Release)"
for p in Gateway Sim Lab; do
  if [ "$NO_BUILD" = 1 ] && [ -f "$p/$BIN/$p.dll" ]; then echo "    $p: using $p/$BIN/$p.dll (--no-build)"; continue; fi
  dotnet build "$p/$p.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly \
    || { echo "run.sh: building $p failed (see the errors above)" >&2; exit 1; }
done
done_stage

# 2. world -----------------------------------------------------------------
stage "2/7 world (seed $SEED)"
if [ -f "$WORLD/tracks.json" ]; then
  echo "    using the existing world in $WORLD"
else
  $SIM world --seed "$SEED" --out "$WORLD" "${WORLD_ARGS[@]}"
fi
done_stage

# 3. service ----------------------------------------------------------------
stage "3/7 service (single machine)"
if [ "$IN_MEMORY" = 1 ]; then REDIS=""; fi
if [ -z "$REDIS" ] && [ "$IN_MEMORY" = 0 ] && command -v redis-server >/dev/null 2>&1; then
  RPORT=$(free_port)
  mkdir -p "$OUT/redis"
  redis-server --port "$RPORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT/redis" \
    --logfile "$OUT/redis/redis.log" --daemonize no &
  REDIS_PID=$!
  REDIS="127.0.0.1:$RPORT"
  for _ in $(seq 1 50); do redis-cli -p "$RPORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "    storage: throwaway redis-server on $REDIS (stopped at the end)"
elif [ -n "$REDIS" ]; then
  echo "    storage: Redis at $REDIS"
else
  echo "    storage: in memory (no Redis configured and redis-server not installed)"
fi
PORT="${PORT:-$(free_port)}"
URL="http://127.0.0.1:$PORT"
LOGS="$OUT/logs"
rm -rf "$LOGS"; mkdir -p "$LOGS"

EXPERIMENT_DAY1=(--Botify:Experiments:0:Name=DAY1 --Botify:Experiments:0:Arms:C=Random --Botify:Experiments:0:Arms:T1=StickyArtist)
GATEWAY_ARGS=(--urls "$URL" --log-dir "$LOGS" --instance gw-$PORT)
if [ -n "$REDIS" ]; then GATEWAY_ARGS+=(--redis "$REDIS"); else GATEWAY_ARGS+=(--catalog "$WORLD"); fi

health_field() { curl -s --max-time 2 "$URL/health" 2>/dev/null | sed -n "s/.*\"$1\":\"\{0,1\}\([^\",]*\).*/\1/p"; }

start_gateway() { # log-dir, then extra args...
  local logdir="$1"; shift
  mkdir -p "$logdir"
  $GATEWAY "${GATEWAY_ARGS[@]}" --log-dir "$logdir" --silo-port "$(free_port)" --gateway-port "$(free_port)" "$@" \
    >>"$OUT/gateway.out" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
  for _ in $(seq 1 300); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$URL/health" 2>/dev/null || true)
    [ "$code" = 200 ] || [ "$code" = 503 ] && { echo "    gateway up at $URL (pid $GW_PID, output in $OUT/gateway.out)"; return 0; }
    kill -0 "$GW_PID" 2>/dev/null || { echo "run.sh: the gateway exited; the end of its output:" >&2; tail -20 "$OUT/gateway.out" >&2; exit 1; }
    sleep 0.2
  done
  echo "run.sh: the gateway did not answer /health in 60 s; see $OUT/gateway.out" >&2; exit 1
}

stop_gateway() { # graceful: drains the event log and deactivates grains
  kill -TERM "$GW_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$GW_PID" 2>/dev/null || return 0; sleep 0.1; done
  echo "run.sh: the gateway did not stop in 30 s; killing it" >&2
  kill -KILL "$GW_PID" 2>/dev/null || true
}

publish() { # folder → waits until the gateway serves the new version
  local before after
  before=$(health_field catalogVersion)
  $LAB publish --redis "$REDIS" --data "$1"
  for _ in $(seq 1 100); do
    after=$(health_field catalogVersion)
    [ -n "$after" ] && [ "$after" != "$before" ] && { echo "    the service now serves catalog version $after (hot swap, no restart)"; return 0; }
    sleep 0.1
  done
  echo "run.sh: the service did not pick up the new catalog in 10 s (still '$after'); see $OUT/gateway.out" >&2; exit 1
}

DAY1_EXPERIMENT=(--Botify:Experiments:0:Name=DAY1 --Botify:Experiments:0:Arms:C=Random --Botify:Experiments:0:Arms:T1=StickyArtist)
DAY2_EXPERIMENT=(--Botify:Experiments:0:Name=DAY2 --Botify:Experiments:0:Arms:C=StickyArtist
                 --Botify:Experiments:0:Arms:T1=Session --Botify:Experiments:0:Arms:T2="$T2_SPEC")
SESSION_KNOBS=()   # the seed's knobs, tuned (README "Tuning the seed's Session recommender")

if [ -n "$REDIS" ]; then
  start_gateway "$LOGS/day1" "${DAY1_EXPERIMENT[@]}"
  publish "$WORLD"
else
  start_gateway "$LOGS/day1" --catalog "$WORLD" "${DAY1_EXPERIMENT[@]}"
fi
done_stage

# 4. day 1 ------------------------------------------------------------------
stage "4/7 day 1: collect $DAY1_EPISODES sessions (DAY1: C = Random, T1 = StickyArtist)"
$SIM run --gateway "$URL" --world "$WORLD" --episodes "$DAY1_EPISODES" --seed $((SEED * 1000 + 1)) --out "$OUT/day1-summary.json"
sleep 1   # the event log writer drains in the background; give it a moment before reading
done_stage

# 5. train and publish ------------------------------------------------------
stage "5/7 train TopPop, Contextual, LFM, LGCF from day 1 and publish"
TABLES="$OUT/tables"
$LAB train --logs "$LOGS/day1" --out "$TABLES" --catalog "$WORLD/tracks.json" --seed "$SEED"
if [ -n "$REDIS" ]; then publish "$TABLES"; fi
done_stage

# 6. day 2 ------------------------------------------------------------------
stage "6/7 day 2: $DAY2_EPISODES sessions (DAY2: C = StickyArtist, T1 = Session, T2 = $T2_SPEC)"
stop_gateway   # a new experiment is configuration: restart the service (state stays in Redis)
if [ -n "$REDIS" ]; then
  start_gateway "$LOGS/day2" "${DAY2_EXPERIMENT[@]}" "${SESSION_KNOBS[@]}"
else
  start_gateway "$LOGS/day2" --catalog "$TABLES" "${DAY2_EXPERIMENT[@]}" "${SESSION_KNOBS[@]}"
fi
$SIM run --gateway "$URL" --world "$WORLD" --episodes "$DAY2_EPISODES" --seed $((SEED * 1000 + 2)) --out "$OUT/day2-summary.json"
if [ "$KEEP_RUNNING" = 0 ]; then stop_gateway; else sleep 1; fi
done_stage

# 7. analysis ---------------------------------------------------------------
stage "7/7 A/B analysis of day 2"
REPORT="$OUT/report"
$LAB ab --logs "$LOGS/day2" --experiment DAY2 --out "$REPORT"
echo
echo "Verdict (mean_time_per_session vs StickyArtist, Welch 95 %):"
awk -F, -v t2="$T2_SPEC" '
  $2 == "mean_time_per_session" {
    name = ($1 == "T1") ? "Session" : ($1 == "T2" ? t2 : $1)
    sig = ($8 == "True" || $8 == "true") ? "significant" : "not significant"
    printf "  %s %s: mean_time_per_session %+.1f %% [%+.1f, %+.1f] vs StickyArtist — %s (%.2f vs %.2f)\n", $1, name, $3, $5, $4, sig, $7, $6
  }' "$REPORT/ab.csv"
# T2 against T1 as well: the same analysis with T1 as the control arm
if $LAB ab --logs "$LOGS/day2" --experiment DAY2 --control T1 --out "$REPORT/t2-vs-t1" >"$REPORT/t2-vs-t1.txt" 2>&1; then
  awk -F, -v t2="$T2_SPEC" '
    $1 == "T2" && $2 == "mean_time_per_session" {
      sig = ($8 == "True" || $8 == "true") ? "significant" : "not significant"
      printf "  T2 %s: mean_time_per_session %+.1f %% [%+.1f, %+.1f] vs T1 Session — %s (%.2f vs %.2f)\n", t2, $3, $5, $4, sig, $7, $6
    }' "$REPORT/t2-vs-t1/ab.csv"
fi
echo
echo "Reports: $REPORT/ab.md  $REPORT/ab.csv  $REPORT/ab.png  (T2 vs T1: $REPORT/t2-vs-t1/)"
echo "Logs:    $LOGS/day1  $LOGS/day2  (gateway output: $OUT/gateway.out)"
echo "Total:   $(( $(date +%s) - JOB_START ))s"
if [ "$KEEP_RUNNING" = 1 ]; then
  echo
  echo "The service keeps running: $URL (dashboard $URL/dashboard, user state: curl $URL/user/17). Ctrl-C stops it."
  wait "$GW_PID" || true
fi
