#!/usr/bin/env pwsh
<#
.SYNOPSIS
Per-container overhead of the PowerShell module inside one pwsh process, against calling nsinit directly.

.DESCRIPTION
Runs -Count short-lived containers (/bin/true) two ways and prints the mean wall time per container:
  module: New-Container -Command /bin/true | Start-Container; Wait-Container; Remove-Container   (one pwsh process)
  nsinit: nsinit run --bundle B ID                                                                (one process per container)
and, when nsinit exec works, the issue's loop New-Container | Invoke-ContainerProcess /bin/true | Remove-Container.
The module's added cost is module - nsinit (target: under 5 ms per container).
Then the cost of loading the module: the median wall time of -Starts fresh `pwsh -NoProfile -Command exit` against
`pwsh -NoProfile -Command "Import-Module LibContainer"` (the same pwsh this script runs in, alternated).
#>
[CmdletBinding()]
param(
    [int] $Count = 20,
    [int] $Starts = 7,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/LibContainer/LibContainer.psd1'),
    [string] $Rootfs = $(if ($env:LIBCONTAINER_ROOTFS) { $env:LIBCONTAINER_ROOTFS } else { Join-Path $PSScriptRoot '../out/rootfs' })
)
$ErrorActionPreference = 'Stop'
$work = "/run/libcontainer-bench/$PID"
$env:LIBCONTAINER_ROOT = "$work/state"
$env:LIBCONTAINER_BUNDLE_ROOT = "$work/bundles"
New-Item -ItemType Directory -Force "$work/state", "$work/bundles", "$work/direct" | Out-Null
Import-Module $ModulePath
$nsinit = Join-Path (Split-Path $ModulePath) 'nsinit'
$Rootfs = (Resolve-Path $Rootfs).Path

function Measure-Mean([scriptblock] $body) {
    & $body 0 # warm-up (JIT, page cache)
    $sw = [Diagnostics.Stopwatch]::StartNew()
    for ($i = 1; $i -le $Count; $i++) { & $body $i }
    $sw.Elapsed.TotalMilliseconds / $Count
}

try {
    $module = Measure-Mean {
        param($i)
        $c = New-Container -Rootfs $Rootfs -Name "bench-m$i" -Command /bin/true | Start-Container -PassThru
        $c | Wait-Container -Timeout 10 | Remove-Container
    }
    $config = New-ContainerConfig -Rootfs $Rootfs -Command /bin/true
    $config.Process.Terminal = $false
    $direct = Measure-Mean {
        param($i)
        $bundle = "$work/direct/d$i"
        New-Item -ItemType Directory -Force $bundle | Out-Null
        $config | Export-ContainerConfig -Path "$bundle/config.json"
        & $nsinit --root "$work/state" run --bundle $bundle "bench-d$i-$PID" | Out-Null
        & $nsinit --root "$work/state" delete --force "bench-d$i-$PID" 2>$null | Out-Null
    }
    $rows = @(
        [pscustomobject]@{ Path = 'module: New/Start/Wait/Remove'; MeanMs = [math]::Round($module, 2) }
        [pscustomobject]@{ Path = 'nsinit run + delete'; MeanMs = [math]::Round($direct, 2) }
    )
    $probe = (& $nsinit --root /nonexistent exec --process /dev/null probe 2>&1) -join ''
    if ($probe -notmatch 'not implemented') {
        $invoke = Measure-Mean {
            param($i)
            New-Container -Rootfs $Rootfs -Name "bench-i$i" | Invoke-ContainerProcess /bin/true
            Remove-Container "bench-i$i" -Force
        }
        $rows += [pscustomobject]@{ Path = 'module: New | Invoke /bin/true | Remove'; MeanMs = [math]::Round($invoke, 2) }
    }
    $rows | Format-Table -AutoSize | Out-String | Write-Host
    "module overhead per container: $([math]::Round($module - $direct, 2)) ms (target < 5 ms)"

    # A dotnet-tool pwsh runs as `dotnet pwsh.dll`; an installed one is its own executable.
    $pwsh = @([Environment]::ProcessPath)
    if ((Split-Path -Leaf $pwsh[0]) -eq 'dotnet') { $pwsh += [Environment]::GetCommandLineArgs()[0] }
    $bare = [Collections.Generic.List[double]]::new(); $import = [Collections.Generic.List[double]]::new()
    foreach ($i in 1..$Starts) {
        foreach ($pair in @(@($bare, 'exit'), @($import, "Import-Module '$ModulePath'"))) {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $pair[1] | Out-Null
            $pair[0].Add($sw.Elapsed.TotalMilliseconds)
        }
    }
    $median = { param($list) ($list | Sort-Object)[[int][math]::Floor($list.Count / 2)] }
    $b = & $median $bare; $m = & $median $import
    "pwsh start: $([math]::Round($b)) ms; with Import-Module LibContainer: $([math]::Round($m)) ms (the module: $([math]::Round($m - $b)) ms; medians of $Starts)"
} finally {
    Get-Container -ErrorAction SilentlyContinue | Remove-Container -Force -Confirm:$false -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
    if ((Test-Path /run/libcontainer-bench) -and -not (Get-ChildItem /run/libcontainer-bench)) { Remove-Item /run/libcontainer-bench }
}
