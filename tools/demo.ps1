#!/usr/bin/env pwsh
# The main job's demo: a busybox container that prints its hostname, its pid 1 and its mounts.
param(
    [Parameter(Mandatory)] [string] $Nsinit,
    [Parameter(Mandatory)] [string] $Rootfs,
    [Parameter(Mandatory)] [string] $WorkDir
)
$ErrorActionPreference = 'Stop'
Remove-Item -Recurse -Force $WorkDir -ErrorAction Ignore
New-Item -ItemType Directory -Force $WorkDir | Out-Null

& $Nsinit spec --bundle $WorkDir
if ($LASTEXITCODE -ne 0) { throw "nsinit spec failed" }
$configPath = Join-Path $WorkDir 'config.json'
$config = Get-Content -Raw $configPath | ConvertFrom-Json -Depth 64
$config.root.path = (Resolve-Path $Rootfs).Path
$config.hostname = 'libcontainer-demo'
$config.process.terminal = $false
$config.process.args = @('/bin/sh', '-c', @'
echo "hostname: $(hostname)"
echo "pid 1:    $(cat /proc/1/comm) (this shell is pid $$)"
echo "user:     $(id)"
for f in /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory.max; do
  [ -r $f ] && echo "memory limit: $(cat $f)"
done
echo "mounts:"
cat /proc/self/mounts | sed 's/^/  /'
'@)
$config.linux.resources | Add-Member -Force memory ([pscustomobject]@{ limit = 64MB })
$config | ConvertTo-Json -Depth 64 | Set-Content $configPath

$id = "demo-$PID"
& $Nsinit run --bundle $WorkDir $id
$code = $LASTEXITCODE
& $Nsinit delete --force $id 2>$null
exit $code
