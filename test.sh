#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need (redis-server, wrk, docker-compose, python3-numpy, python3-pandas, chromium), builds, checks the format, tests.
# Tests that need Redis start their own throwaway redis-server on a free port; the
# overload test drives wrk; the docker test runs `docker-compose config` (no engine); the event-log tests
# read the reference layout with pandas and mount small tmpfs file systems (as root; skipped, saying so, otherwise).
# Usage: ./test.sh [extra `dotnet test` arguments, e.g. --filter Name~Session]
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)   # every Redis-backed test
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)                      # overload test (2,000 connections)
command -v docker-compose >/dev/null 2>&1 || need_apt+=(docker-compose) # validates docker/compose.yaml (no engine needed)
# NumPy and pandas read the files meant for the course's Python tools (Debian's python3: a pyenv python3 on PATH lacks them):
# the world export (np.load) and the reference-layout event log (pd.read_json, as the course notebooks do)
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || need_apt+=(python3-numpy)
/usr/bin/python3 -c 'import pandas' >/dev/null 2>&1 || need_apt+=(python3-pandas)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)             # the live experiment page in a real headless browser
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> installing ${need_apt[*]} (apt)"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "==> building (Release)"
dotnet build Orleans.sln -c Release -nologo -v quiet

# The conventions of .editorconfig, checked before any test runs (about 2 min on 2 cores).
echo "==> checking the format (dotnet format --verify-no-changes)"
if ! dotnet format Orleans.sln --verify-no-changes --no-restore -v q; then
  echo "test.sh: the files above do not follow .editorconfig; run \`dotnet format Orleans.sln\` and commit the result" >&2
  exit 1
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
echo "==> testing"
status=0
dotnet test Orleans.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${n:-0}))
done
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
