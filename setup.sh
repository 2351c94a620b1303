#!/usr/bin/env bash
# One-step setup on a fresh Debian 12 machine (as root): installs what is missing, builds everything,
# makes the busybox demo rootfs, installs the PowerShell module for all users and runs the demo container.  Usage: ./setup.sh [--no-demo]
set -euo pipefail
cd "$(dirname "$0")"

# podman, containerd and docker.io are the engines of the engine test tier (tests/Unit/Engines); util-linux gives it
# nsenter and script.
packages=(busybox-static libseccomp2 runc crun iproute2 iputils-ping strace jq time file procps tmux podman containerd docker.io util-linux uidmap passwd)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  # The engines' packages would start system daemons (docker0 bridge, iptables rules): the tests start private ones.
  policy=/usr/sbin/policy-rc.d
  own_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && own_policy=1 && trap 'rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  if [ -n "$own_policy" ]; then rm -f "$policy"; trap - EXIT; fi
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet tool restore >/dev/null

dotnet pwsh -NoProfile -File ./build.ps1
# where every pwsh finds it (Get-Module -ListAvailable; cmdlets autoload, no Import-Module)
dotnet pwsh -NoProfile -File ./tools/Install-Module.ps1
if [ "${1:-}" != "--no-demo" ]; then
  exec dotnet pwsh -NoProfile -File ./build.ps1 -NoBuild -Demo
fi
