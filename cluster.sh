#!/usr/bin/env bash
# The Botify cluster on this machine: a throwaway Redis, N silos, M gateways (Orleans clients)
# and nginx in front, all on loopback with their own ports, logs and pid files under one folder.
# ./cluster.sh up|down|status|failover-check [options]; ./cluster.sh --help for the options.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

DIR="$ROOT/.cluster"
BASE=7100
SILOS=3
GATEWAYS=2
BUILD=1
EPISODES=3000
WORLD="$ROOT/data/world-42"
KILL_AFTER=6

usage() {
  cat <<USAGE
Usage: ./cluster.sh up|down|status|failover-check [options]

  up               build Silo and Gateway once into DIR/bin, start Redis, the silos, the gateways
                   and nginx; print the URLs and logs
  down             stop exactly what up started (SIGTERM: graceful, then SIGKILL after 20 s)
  status           each process: pid, port, health
  failover-check   with the cluster up: publish WORLD's catalog, run the simulator through nginx,
                   kill -9 one silo mid-run, and check the event log against Redis
                   (prints failed requests, lost acknowledged updates, the failover window)

Options:
  --dir DIR          folder for binaries, logs, pid files, event logs (default .cluster)
  --base-port N      ports: Redis N, nginx N+1, gateways N+11.., silo ports N+21..,
                     silo gateway ports N+31.., dashboards N+41.. (default $BASE)
  --silos N          silos (default $SILOS)       --gateways N   gateways (default $GATEWAYS)
  --no-build         run the binaries already in DIR/bin
  --episodes N       failover-check: simulator episodes (default $EPISODES)
  --world DIR        failover-check: world folder of the simulator (default data/world-42)
  --kill-after S     failover-check: seconds into the run before the kill (default $KILL_AFTER)
  -h, --help         this text
USAGE
}

CMD="${1:-}"
[ $# -gt 0 ] && shift
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --base-port) BASE="$2"; shift 2 ;;
    --silos) SILOS="$2"; shift 2 ;;
    --gateways) GATEWAYS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --episodes) EPISODES="$2"; shift 2 ;;
    --world) WORLD="$(cd "$2" && pwd)"; shift 2 ;;
    --kill-after) KILL_AFTER="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "cluster.sh: unknown option '$1'; see ./cluster.sh --help" >&2; exit 2 ;;
  esac
done

REDIS_PORT=$BASE
NGINX_PORT=$((BASE + 1))
REDIS="127.0.0.1:$REDIS_PORT"
PIDS="$DIR/pids"
LOGS="$DIR/logs"
EVENTS="$DIR/log"
gateway_port() { echo $((BASE + 10 + $1)); }
silo_port() { echo $((BASE + 20 + $1)); }
silo_gateway_port() { echo $((BASE + 30 + $1)); }
dashboard_port() { echo $((BASE + 40 + $1)); }

# name → what its /proc cmdline must contain, so a recycled pid is never signalled
marker() {
  case "$1" in
    redis) echo "redis-server" ;;
    silo-*) echo "Silo.dll" ;;
    gateway-*) echo "Gateway.dll" ;;
    nginx) echo "nginx" ;;
  esac
}

alive() { # name → 0 when its pid file names a live process of that kind
  local file="$PIDS/$1.pid" pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -d "/proc/$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$(marker "$1")"
}

names() { # start order
  echo redis
  for i in $(seq 1 "$SILOS"); do echo "silo-$i"; done
  for i in $(seq 1 "$GATEWAYS"); do echo "gateway-$i"; done
  echo nginx
}

http_code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" || true; }

wait_for() { # description, seconds, command...
  local what="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then echo "cluster.sh: $what did not come up within ${seconds} s; see $LOGS" >&2; return 1; fi
    sleep 0.3
  done
}

start() { # name, log, command...
  local name="$1" log="$2"; shift 2
  nohup "$@" >"$log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
}

ensure_nginx() {
  NGINX=$(command -v nginx || true)
  [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
  if [ -z "$NGINX" ]; then
    echo "nginx is not installed: installing the Debian package nginx-light"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get install -y --no-install-recommends nginx-light >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends nginx-light >/dev/null; }
    NGINX=/usr/sbin/nginx
  fi
}

write_nginx_conf() {
  mkdir -p "$DIR/nginx"
  {
    echo "worker_processes 1;"
    echo "pid $PIDS/nginx-master.pid;"
    echo "error_log $LOGS/nginx-error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "  access_log off;"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $DIR/nginx/$t;"; done
    echo "  upstream botify {"
    echo "    least_conn;"
    for i in $(seq 1 "$GATEWAYS"); do echo "    server 127.0.0.1:$(gateway_port "$i") max_fails=1 fail_timeout=2s;"; done
    echo "    keepalive 128;"
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:$NGINX_PORT;"
    echo "    location / {"
    echo "      proxy_pass http://botify;"
    echo "      proxy_http_version 1.1;"
    echo "      proxy_set_header Connection \"\";"
    echo "      proxy_connect_timeout 1s;"
    echo "      proxy_read_timeout 30s;"
    # A gateway that is down is skipped (POSTs are re-sent only when they never reached it).
    echo "      proxy_next_upstream error timeout http_502;"
    echo "    }"
    echo "  }"
    echo "}"
  } >"$DIR/nginx.conf"
}

up() {
  for n in $(names); do
    if alive "$n"; then echo "cluster.sh: $n is already running (pid $(cat "$PIDS/$n.pid")); ./cluster.sh down first" >&2; exit 1; fi
  done
  command -v redis-server >/dev/null || { echo "cluster.sh: redis-server is not installed: apt-get install redis-server" >&2; exit 1; }
  ensure_nginx
  mkdir -p "$PIDS" "$LOGS" "$EVENTS"
  if [ $BUILD -eq 1 ] || [ ! -f "$DIR/bin/silo/Silo.dll" ] || [ ! -f "$DIR/bin/gateway/Gateway.dll" ]; then
    echo "building Silo and Gateway (Release) into $DIR/bin ..."
    dotnet build Silo/Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly -o "$DIR/bin/silo" >"$LOGS/build.log" 2>&1 || { cat "$LOGS/build.log"; exit 1; }
    dotnet build Gateway/Gateway.csproj -c Release -nologo -v quiet -clp:ErrorsOnly -o "$DIR/bin/gateway" >>"$LOGS/build.log" 2>&1 || { cat "$LOGS/build.log"; exit 1; }
  fi

  start redis "$LOGS/redis.log" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --protected-mode no
  wait_for "Redis on $REDIS_PORT" 10 redis-cli -p "$REDIS_PORT" ping

  for i in $(seq 1 "$SILOS"); do
    start "silo-$i" "$LOGS/silo-$i.log" dotnet "$DIR/bin/silo/Silo.dll" --redis "$REDIS" \
      --silo-port "$(silo_port "$i")" --gateway-port "$(silo_gateway_port "$i")" --dashboard-port "$(dashboard_port "$i")"
  done
  for i in $(seq 1 "$SILOS"); do
    wait_for "silo-$i" 60 bash -c "[ \"\$(curl -s -o /dev/null -m 2 -w '%{http_code}' http://127.0.0.1:$(dashboard_port "$i")/health)\" != 000 ]"
  done

  for i in $(seq 1 "$GATEWAYS"); do
    local port; port=$(gateway_port "$i")
    start "gateway-$i" "$LOGS/gateway-$i.log" dotnet "$DIR/bin/gateway/Gateway.dll" --cluster --redis "$REDIS" \
      --urls "http://127.0.0.1:$port" --instance "gw-$port" --log-dir "$EVENTS"
  done
  for i in $(seq 1 "$GATEWAYS"); do
    wait_for "gateway-$i" 60 bash -c "[ \"\$(curl -s -o /dev/null -m 2 -w '%{http_code}' http://127.0.0.1:$(gateway_port "$i")/)\" = 200 ]"
  done

  write_nginx_conf
  start nginx "$LOGS/nginx.log" "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx.conf" -g "daemon off;"
  wait_for "nginx on $NGINX_PORT" 10 bash -c "[ \"\$(curl -s -o /dev/null -m 2 -w '%{http_code}' http://127.0.0.1:$NGINX_PORT/)\" = 200 ]"

  echo
  echo "botify cluster up ($SILOS silos, $GATEWAYS gateways) — folder $DIR"
  echo "  service (nginx):  http://127.0.0.1:$NGINX_PORT"
  for i in $(seq 1 "$GATEWAYS"); do echo "  gateway-$i:        http://127.0.0.1:$(gateway_port "$i")  (event log $EVENTS/events-gw-$(gateway_port "$i")-*.jsonl)"; done
  for i in $(seq 1 "$SILOS"); do echo "  silo-$i dashboard: http://127.0.0.1:$(dashboard_port "$i")/dashboard  (silo port $(silo_port "$i"), gateway port $(silo_gateway_port "$i"))"; done
  echo "  Redis:            $REDIS"
  echo "  logs:             $LOGS/{redis,silo-N,gateway-N,nginx-error}.log"
  echo "  publish:          dotnet Lab/bin/Release/net10.0/Lab.dll publish --redis $REDIS --data DIR"
  echo "  simulate:         dotnet Sim/bin/Release/net10.0/Sim.dll run --gateway http://127.0.0.1:$NGINX_PORT --world DIR"
  echo "  stop:             ./cluster.sh down$( [ "$DIR" != "$ROOT/.cluster" ] && echo " --dir $DIR")"
}

stop_one() { # name → SIGTERM, wait, SIGKILL
  local name="$1" pid
  alive "$name" || { rm -f "$PIDS/$name.pid"; return 0; }
  pid=$(cat "$PIDS/$name.pid")
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while [ -d "/proc/$pid" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if [ -d "/proc/$pid" ]; then
    echo "  $name (pid $pid) did not stop within 20 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  else
    echo "  $name (pid $pid) stopped"
  fi
  rm -f "$PIDS/$name.pid"
}

down() {
  [ -d "$PIDS" ] || { echo "nothing to stop: no $PIDS"; return 0; }
  echo "stopping the cluster in $DIR"
  stop_one nginx
  # Gateways first (their event logs drain), then silos in parallel (each deactivates its grains), Redis last.
  local n
  for n in $(names | grep '^gateway-'); do stop_one "$n" & done; wait
  for n in $(names | grep '^silo-'); do stop_one "$n" & done; wait
  stop_one redis
  rm -f "$PIDS/nginx-master.pid"
}

status() {
  printf '%-10s %-8s %-7s %-6s %s\n' NAME PID STATE PORT HEALTH
  local n pid state port health
  for n in $(names); do
    pid=$(cat "$PIDS/$n.pid" 2>/dev/null || echo -)
    if alive "$n"; then state=running; else state=stopped; fi
    case "$n" in
      redis) port=$REDIS_PORT; health=$( [ $state = running ] && redis-cli -p "$port" ping 2>/dev/null || echo -) ;;
      silo-*) port=$(dashboard_port "${n#silo-}"); health=$( [ $state = running ] && curl -s -m 2 "http://127.0.0.1:$port/health" | sed -E 's/.*"status":"([^"]*)","message":"([^"]*)","silo":"([^"]*)".*"tracks":([0-9]+).*/\1 (\2), \3, \4 tracks/' || echo -) ;;
      gateway-*) port=$(gateway_port "${n#gateway-}"); health=$( [ $state = running ] && echo "HTTP $(http_code "http://127.0.0.1:$port/health") /health" || echo -) ;;
      nginx) port=$NGINX_PORT; health=$( [ $state = running ] && echo "HTTP $(http_code "http://127.0.0.1:$port/health") /health via nginx" || echo -) ;;
    esac
    printf '%-10s %-8s %-7s %-6s %s\n' "$n" "$pid" "$state" "$port" "$health"
  done
}

failover_check() {
  for n in $(names); do alive "$n" || { echo "cluster.sh: $n is not running; ./cluster.sh up first" >&2; exit 1; }; done
  local sim="$ROOT/Sim/bin/Release/net10.0/Sim.dll" lab="$ROOT/Lab/bin/Release/net10.0/Lab.dll"
  [ -f "$sim" ] && [ -f "$lab" ] || { echo "cluster.sh: build the simulator and the lab first: dotnet build Sim -c Release; dotnet build Lab -c Release" >&2; exit 1; }
  [ -f "$WORLD/tracks.json" ] || { echo "cluster.sh: no world at $WORLD: dotnet $sim world --out $WORLD (or pass --world DIR)" >&2; exit 1; }
  local run="$DIR/failover-$(date +%s)"
  mkdir -p "$run"
  echo "publishing the catalog of $WORLD to $REDIS ..."
  dotnet "$lab" publish --redis "$REDIS" --data "$WORLD" | tail -1
  sleep 4 # every silo and gateway loads the new version (pub/sub, 3 s poll as a safety net)
  local started_ms; started_ms=$(date +%s%3N)
  echo "simulator: $EPISODES episodes through nginx http://127.0.0.1:$NGINX_PORT; silo-2 gets kill -9 after ${KILL_AFTER} s"
  dotnet "$sim" run --gateway "http://127.0.0.1:$NGINX_PORT" --world "$WORLD" --episodes "$EPISODES" --seed 7 --out "$run/summary.json" >"$run/sim.log" 2>&1 &
  local sim_pid=$!
  probe "$run/probe.csv" $((KILL_AFTER + 25)) &
  local probe_pid=$!
  sleep "$KILL_AFTER"
  local victim=silo-2
  [ "$SILOS" -lt 2 ] && victim=silo-1
  local kill_ms; kill_ms=$(date +%s%3N)
  kill -KILL "$(cat "$PIDS/$victim.pid")"
  echo "kill -9 $victim (pid $(cat "$PIDS/$victim.pid")) at $(date -u +%T.%3N)"
  wait "$sim_pid" || true
  wait "$probe_pid" || true
  tail -15 "$run/sim.log"
  echo "checking the event log against Redis ..."
  loss_check "$run/summary.json" "$kill_ms" "$run/probe.csv"
  echo "restarting $victim so the cluster is whole again"
  local i=${victim#silo-}
  start "$victim" "$LOGS/$victim.log" dotnet "$DIR/bin/silo/Silo.dll" --redis "$REDIS" \
    --silo-port "$(silo_port "$i")" --gateway-port "$(silo_gateway_port "$i")" --dashboard-port "$(dashboard_port "$i")"
}

# 30 fresh probe users (ids from 1000000) play a known track every 100 ms through nginx for the given seconds,
# one CSV line per call: user,sent_ms,done_ms,status (0 = no answer within 10 s).
probe() { # csv, seconds
  python3 - "http://127.0.0.1:$NGINX_PORT" "$1" "$2" "$WORLD/tracks.json" <<'PY'
import json, sys, threading, time, urllib.error, urllib.request
base, csv_path, seconds, tracks = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
track = json.loads(open(tracks).readline())["track"]
end, rows, lock = time.time() + seconds, [], threading.Lock()
def play(user):
    body = json.dumps({"track": track, "time": 0.5}).encode()
    while time.time() < end:
        sent = int(time.time() * 1000)
        try:
            request = urllib.request.Request(f"{base}/next/{user}", body, {"Content-Type": "application/json"})
            status = urllib.request.urlopen(request, timeout=10).status
        except urllib.error.HTTPError as e:
            status = e.code
        except Exception:
            status = 0
        with lock:
            rows.append(f"{user},{sent},{int(time.time() * 1000)},{status}")
        time.sleep(0.1)
first = 1_000_000 + (int(time.time()) % 50_000) * 30  # fresh users each run, placed anew over the silos
threads = [threading.Thread(target=play, args=(first + i,)) for i in range(30)]
for t in threads: t.start()
for t in threads: t.join()
open(csv_path, "w").write("\n".join(rows) + "\n")
PY
}

# The loss check: every acknowledged /next and /last line of the event log must be in that user's
# Redis history as often as it was acknowledged (users whose history may have dropped old plays are
# checked on their last 60 acknowledged plays). Also prints the failover window.
loss_check() { # summary.json, kill time (Unix ms), probe.csv
  local summary="$1" kill_ms="$2" probes="$3"
  python3 - "$EVENTS" "$REDIS_PORT" "$summary" "$kill_ms" "$probes" <<'PY'
import collections, glob, json, os, subprocess, sys
events_dir, redis_port, summary_path, kill_ms, probe_path = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
acked = collections.defaultdict(list)  # user -> [(timestamp, track)]
lines = 0
for path in glob.glob(os.path.join(events_dir, "**", "*.jsonl"), recursive=True):
    with open(path, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            acked[e["user"]].append((e["timestamp"], e["track"]))
            lines += 1
users = sorted(acked)
query = "".join(f"HGET botify/state/user/{u} data\n" for u in users)
out = subprocess.run(["redis-cli", "-p", redis_port], input=query, capture_output=True, text=True, check=True).stdout.splitlines()
if len(out) != len(users):
    sys.exit(f"loss check: redis-cli answered {len(out)} lines for {len(users)} users")
lost = extra = truncated = 0
lost_users = []
for u, raw in zip(users, out):
    history = json.loads(raw)["history"] if raw.strip() else []
    plays = [t for _, t in sorted(acked[u])]
    if len(plays) > 90:
        plays, truncated = plays[-60:], truncated + 1
    need = collections.Counter(plays)
    have = collections.Counter(history)
    missing = sum(max(0, n - have[t]) for t, n in need.items())
    if missing:
        lost += missing
        lost_users.append(u)
    if len(acked[u]) <= 90:
        extra += len(history) - (len(plays) - missing)
summary = json.load(open(summary_path)) if os.path.exists(summary_path) else {}
errors = summary.get("Errors") or summary.get("errors") or {}
failed = sum(errors.values())
requests = summary.get("Requests") or summary.get("requests") or 0
print(f"  simulator: {requests} requests answered, {failed} failed ({', '.join(f'{k}: {v}' for k, v in errors.items()) or 'none'})")
print(f"  event log: {lines} acknowledged lines of {len(users)} users; {truncated} users checked on their last 60 plays (history keeps 100)")
print(f"  in history but not acknowledged (applied, answered with an error): {extra}")
print(f"  {lost} lost acknowledged updates" + (f" (users {lost_users[:10]})" if lost else ""))
# Failover window from the probe users (each plays every 100 ms through nginx): those whose calls failed or
# stalled after the kill lived on the killed silo; their window ends with their first 200 after the kill.
probes = collections.defaultdict(list)  # user -> [(sent_ms, done_ms, status)]
if os.path.exists(probe_path):
    for line in open(probe_path):
        u, sent, done, status = line.split(",")
        probes[int(u)].append((int(sent), int(done), int(status)))
windows, failures = [], 0
for u, calls in probes.items():
    calls.sort()
    hit = [c for c in calls if c[1] >= kill_ms and c[0] <= kill_ms + 30000 and (c[2] != 200 or c[1] - c[0] > 1000)]
    failures += sum(1 for c in hit if c[2] != 200)
    if not hit:
        continue
    after = [c[1] for c in calls if c[2] == 200 and c[0] >= hit[-1][0]]
    if after:
        windows.append((after[0] - kill_ms) / 1000)
windows.sort()
if probes:
    if windows:
        print(f"  failover window: {len(windows)} of {len(probes)} probe users lived on the killed silo; their first 200 after the kill came "
              f"{windows[0]:.2f}..{windows[-1]:.2f} s after it (median {windows[len(windows) // 2]:.2f} s); {failures} of their calls answered an error")
    else:
        print(f"  failover window: none of {len(probes)} probe users was held up (none lived on the killed silo?)")
sys.exit(1 if lost else 0)
PY
}

case "$CMD" in
  up) up ;;
  down) down ;;
  status) status ;;
  failover-check) failover_check ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
