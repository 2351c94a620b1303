#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds LibContainer, stages the module under out/LibContainer, and optionally runs the tests, the benchmark
    and the demo container.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Demo      # build and run the demo container
.EXAMPLE
    dotnet pwsh ./build.ps1 -Test      # build and run every test; last line "N passed, N failed[, N skipped]"
.EXAMPLE
    dotnet pwsh ./build.ps1 -Package   # out/package/LibContainer.0.1.0.nupkg, for Install-PSResource
#>
[CmdletBinding()]
param(
    [switch] $Test,
    [switch] $Bench,
    [switch] $Demo,
    [switch] $NoBuild,
    # Make out/package/LibContainer.<version>.nupkg (Install-PSResource installs it from that folder).
    [switch] $Package,
    [string] $Configuration = 'Release',
    # Extra `dotnet test --filter` expression for the xunit tests.
    [string] $Filter
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleDir = Join-Path $out 'LibContainer'
$rootfs = Join-Path $out 'rootfs'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native([string] $what, [scriptblock] $command) {
    & $command
    if ($LASTEXITCODE -ne 0) { throw "$what failed (exit code $LASTEXITCODE)" }
}

function Invoke-Build {
    Write-Host '== build' -ForegroundColor Cyan
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $root 'LibContainer.sln') -c $Configuration -nologo -v quiet /clp:ErrorsOnly }
    Write-Host '== publish nsinit (NativeAOT)' -ForegroundColor Cyan
    New-Item -ItemType Directory -Force $moduleDir | Out-Null
    Invoke-Native 'dotnet publish nsinit' {
        dotnet publish (Join-Path $root 'src/LibContainer.Cli') -c $Configuration -o $moduleDir -nologo -v quiet /clp:ErrorsOnly
    }
    $stage = Join-Path $root 'tools/Stage-Module.ps1'
    if (Test-Path $stage) {
        Write-Host '== stage module' -ForegroundColor Cyan
        & $stage -Configuration $Configuration -OutDir $moduleDir
    }
    if (-not (Test-Path (Join-Path $rootfs 'bin/busybox'))) {
        Write-Host '== busybox rootfs' -ForegroundColor Cyan
        Invoke-Native 'make-rootfs' { bash (Join-Path $root 'tools/make-rootfs.sh') $rootfs }
    }
}

function Get-TrxCounts([string] $trx) {
    [xml] $doc = Get-Content -Raw $trx
    $c = $doc.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout; Skipped = [int]$c.notExecuted }
}

function Invoke-Tests {
    $env:LIBCONTAINER_NSINIT = Join-Path $moduleDir 'nsinit'
    $env:LIBCONTAINER_ROOTFS = $rootfs
    $total = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    # The run's own scratch directory and tag: every test state root, temp dir, test cgroup and test netns of this
    # run is found by them, so that the sweep at the end removes what failed tests left, and nothing of other runs.
    $tag = 'r' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '-'
    $runDir = "/tmp/libcontainer-test-$tag".TrimEnd('-')
    New-Item -ItemType Directory -Force $runDir | Out-Null
    chmod 755 $runDir # a user namespace's root must reach rootfs copies made here
    $savedTmp = $env:TMPDIR
    $env:TMPDIR = $runDir
    $env:LIBCONTAINER_TEST_TAG = $tag
    $env:LIBCONTAINER_TEST_RUN_DIR = $runDir
    try { Invoke-TestSuites $total }
    finally {
        $env:TMPDIR = $savedTmp
        Write-Host "== sweep (run $tag, $runDir)" -ForegroundColor Cyan
        & (Join-Path $root 'tools/Sweep-TestLeftovers.ps1') -RunDir $runDir -Tag $tag -Nsinit $env:LIBCONTAINER_NSINIT | Write-Host
        if ($LASTEXITCODE -ne 0) {
            Write-Host 'sweep: the tests left the leftovers above behind (removed now); failing the run' -ForegroundColor Red
            $total.Failed += 1
        }
    }
    $summary = "$($total.Passed) passed, $($total.Failed) failed"
    if ($total.Skipped -gt 0) { $summary += ", $($total.Skipped) skipped" }
    $summary
    if ($total.Failed -gt 0) { exit 1 }
}

function Invoke-TestSuites($total) {
    $results = Join-Path $out 'test-results'
    Remove-Item -Recurse -Force $results -ErrorAction Ignore

    Write-Host '== xunit' -ForegroundColor Cyan
    $testArgs = @('test', (Join-Path $root 'tests/Unit'), '-c', $Configuration, '--no-build', '--nologo',
        '--logger', 'trx;LogFileName=unit.trx', '--logger', 'console;verbosity=minimal', '--results-directory', $results,
        '--blame-hang-timeout', '5m')
    if ($Filter) { $testArgs += @('--filter', $Filter) }
    & dotnet @testArgs | Write-Host
    $trx = Join-Path $results 'unit.trx'
    if (Test-Path $trx) {
        $u = Get-TrxCounts $trx
        Write-Host "xunit: $($u.Passed) passed, $($u.Failed) failed, $($u.Skipped) skipped"
        $total.Passed += $u.Passed; $total.Failed += $u.Failed; $total.Skipped += $u.Skipped
    } else {
        Write-Host 'xunit: no results (test run did not start)' -ForegroundColor Red
        $total.Failed += 1
    }

    $pester = Join-Path $root 'tests/Pester/Run-Pester.ps1'
    if (Test-Path $pester) {
        Write-Host '== Pester' -ForegroundColor Cyan
        $line = & dotnet pwsh -NoProfile -File $pester -ModulePath (Join-Path $moduleDir 'LibContainer.psd1') |
            ForEach-Object { Write-Host $_; $_ } | Where-Object { $_ -match '^pester: ' } | Select-Object -Last 1
        if ($line -match '^pester: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?') {
            $total.Passed += [int]$Matches[1]; $total.Failed += [int]$Matches[2]
            if ($Matches[3]) { $total.Skipped += [int]$Matches[3] }
        } else {
            Write-Host 'pester: no result line' -ForegroundColor Red
            $total.Failed += 1
        }
    }
}

function Invoke-Package {
    Write-Host '== package' -ForegroundColor Cyan
    $packageDir = Join-Path $out 'package'
    New-Item -ItemType Directory -Force $packageDir | Out-Null
    Get-ChildItem $packageDir -Filter 'LibContainer.*.nupkg' | Remove-Item -Force
    # Publish-PSResource to a folder repository writes the .nupkg there; the repository is registered only meanwhile.
    $repo = "LibContainerBuild$PID"
    Register-PSResourceRepository -Name $repo -Uri $packageDir -Trusted
    try {
        Publish-PSResource -Path $moduleDir -Repository $repo
    } finally {
        Unregister-PSResourceRepository -Name $repo
    }
    Get-ChildItem $packageDir -Filter 'LibContainer.*.nupkg' | ForEach-Object { "package: $($_.FullName)" }
}

function Invoke-Demo {
    Write-Host '== demo container' -ForegroundColor Cyan
    & (Join-Path $root 'tools/demo.ps1') -Nsinit (Join-Path $moduleDir 'nsinit') -Rootfs $rootfs -WorkDir (Join-Path $out 'demo')
    if ($LASTEXITCODE -ne 0) { throw "demo failed (exit code $LASTEXITCODE)" }
}

if (-not $NoBuild) { Invoke-Build }
if ($Package) { Invoke-Package }
if ($Demo) { Invoke-Demo }
if ($Bench) { & bash (Join-Path $root 'bench/bench.sh') }
if ($Test) { Invoke-Tests }
