#!/usr/bin/env pwsh
<#
.SYNOPSIS
Runs every Pester test in tests/Pester in a FRESH pwsh against the staged module (out/LibContainer/LibContainer.psd1).
The last line printed is `pester: N passed, N failed, N skipped`; the exit code is 1 when a test failed.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/LibContainer/LibContainer.psd1'),
    [string] $TestPath = $PSScriptRoot,
    [string] $PesterPath,
    # The busybox test rootfs (tools/make-rootfs.sh); default <repo>/out/rootfs or $env:LIBCONTAINER_ROOTFS.
    [string] $Rootfs,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')] [string] $Output = 'Detailed',
    [string[]] $Tag,
    [string[]] $ExcludeTag
)
$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$ModulePath = [IO.Path]::GetFullPath($ModulePath)
if (-not (Test-Path $ModulePath)) { throw "Staged module not found: $ModulePath (run tools/Stage-Module.ps1)" }
if (-not $PesterPath) { $PesterPath = (& (Join-Path $repo 'tools/restore-pester.sh')) | Select-Object -Last 1 }
if (-not (Test-Path $PesterPath)) { throw "Pester not found: $PesterPath" }

$inner = @'
param($PesterPath, $TestPath, $Output, $Tag, $ExcludeTag)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$c = New-PesterConfiguration
$c.Run.Path = $TestPath
$c.Run.PassThru = $true
$c.Output.Verbosity = $Output
if ($Tag) { $c.Filter.Tag = $Tag -split ',' }
if ($ExcludeTag) { $c.Filter.ExcludeTag = $ExcludeTag -split ',' }
$r = Invoke-Pester -Configuration $c
"pester: $($r.PassedCount) passed, $($r.FailedCount + $r.FailedBlocksCount + $r.FailedContainersCount) failed, $($r.SkippedCount) skipped"
'@
$script = Join-Path ([IO.Path]::GetTempPath()) "libcontainer-pester-$PID.ps1"
Set-Content -Path $script -Value $inner
$summary = $null
$env:LIBCONTAINER_MODULE = $ModulePath
$env:LIBCONTAINER_REPO = $repo
# The test machine's supervisor cgroup: nsinit refuses any cgroupsPath through it (docs/cgroups.md).
if (-not $env:LIBCONTAINER_CGROUP_DENY) { $env:LIBCONTAINER_CGROUP_DENY = 'process_api' }
if ($Rootfs) { $env:LIBCONTAINER_ROOTFS = [IO.Path]::GetFullPath($Rootfs) }
try {
    Push-Location $repo # the dotnet tool manifest (pwsh) is found from here
    # Stream Pester's output as it comes; keep its summary line for the end.
    & dotnet pwsh -NoProfile -NonInteractive -File $script -PesterPath $PesterPath -TestPath $TestPath -Output $Output `
        -Tag ($Tag -join ',') -ExcludeTag ($ExcludeTag -join ',') 2>&1 | ForEach-Object {
        $line = "$_"
        if ($line -match '^pester: \d+ passed, \d+ failed, \d+ skipped$') { $summary = $line } else { Write-Host $line }
    }
} finally {
    Pop-Location
    Remove-Item $script -ErrorAction SilentlyContinue
}
if (-not $summary) { $summary = 'pester: 0 passed, 1 failed, 0 skipped'; Write-Host 'Pester did not report a summary (crashed?)' }
$summary
$global:LASTEXITCODE = if ($summary -match ', 0 failed,') { 0 } else { 1 }
exit $global:LASTEXITCODE
