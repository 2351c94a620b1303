#!/usr/bin/env bash
# Fetches the Pester NuGet package (6.2.0) into the NuGet package cache and prints the path of Pester.psd1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet restore "$here/pester/pester.csproj" --verbosity quiet >&2
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
psd1="$cache/pester/6.2.0/tools/Pester.psd1"
[ -f "$psd1" ] || { echo "restore-pester: $psd1 not found after restore" >&2; exit 1; }
echo "$psd1"
