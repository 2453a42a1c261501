#!/usr/bin/env bash
# The Botify cluster on this machine (Redis, N silos, M gateways, nginx): ./cluster.sh up|down|status|failover-check [options]; --help for them.
# The logic is the C# command in Ops/ (`Ops.dll cluster`); this builds it (Release) before up and failover-check unless --no-build, then hands over.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ " $* " != *" --no-build "* && ( "${1:-}" =~ ^(up|failover-check)$ || ! -f Ops/bin/Release/net10.0/Ops.dll ) ]]; then
  dotnet build Ops/Ops.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2 || { echo "cluster.sh: the build failed (errors above)" >&2; exit 1; }
fi
exec dotnet Ops/bin/Release/net10.0/Ops.dll cluster "$@"
