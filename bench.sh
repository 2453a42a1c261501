#!/usr/bin/env bash
# The performance benchmark, all figures side by side in one run; ./bench.sh --help for the options (after --: gateway arguments).
# The logic is the C# command in Ops/ (`Ops.dll bench`); this builds it once (Release, unless --no-build) and hands over.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ " ${*%% -- *} " != *" --no-build "* ]]; then
  dotnet build Ops/Ops.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2 || { echo "bench.sh: the build failed (errors above)" >&2; exit 1; }
  export BOTIFY_OPS_BUILD_SECONDS=$SECONDS
fi
exec dotnet Ops/bin/Release/net10.0/Ops.dll bench "$@"
