#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Removes what a test run left behind and names each thing found: containers in state roots under the run's
    scratch directory, processes started from it, mounts under it, cgroups and network namespaces carrying the run's
    tag. `build.ps1 -Test` runs it last and fails the run when it found anything.
.DESCRIPTION
    Scoped to one run: other runs on the same machine (other clones, other users of /tmp) are never touched.
    Prints one line per leftover ("leftover container /tmp/…/root/t123: removed") and, last,
    "sweep: N leftovers". Exit code 1 when N > 0.
#>
[CmdletBinding()]
param(
    # The run's scratch directory (TMPDIR and the Pester state root of the run live under it); removed at the end.
    [Parameter(Mandatory)] [string] $RunDir,
    # The run's tag: test cgroups are named nsinit-test-<Tag>…, test netns lc-<kind>-<Tag>….
    [Parameter(Mandatory)] [string] $Tag,
    [Parameter(Mandatory)] [string] $Nsinit
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$RunDir = [IO.Path]::GetFullPath($RunDir).TrimEnd('/')
$found = [Collections.Generic.List[string]]::new()
function Report([string] $what) { $found.Add($what); "leftover $what" }

# Containers: every <root>/<id>/state.json below the run directory; nsinit removes each with all it made.
if (Test-Path $RunDir) {
    foreach ($state in Get-ChildItem -Path $RunDir -Recurse -Depth 5 -Filter state.json -File -Force -ErrorAction SilentlyContinue) {
        $dir = $state.Directory
        & $Nsinit --root $dir.Parent.FullName delete --force $dir.Name 2>&1 | Out-Null
        Report "container $($dir.FullName): delete --force exited $LASTEXITCODE"
    }
}

# Processes whose command line names the run directory (supervisors, inits waiting for start, test children).
foreach ($proc in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -match '^\d+$') {
    $procId = [int]$proc.Name
    if ($procId -eq $PID) { continue }
    try { $cmd = [IO.File]::ReadAllText("/proc/$procId/cmdline").Replace([char]0, ' ') } catch { continue }
    if ($cmd.Contains("$RunDir/")) {
        Report "process $procId ($($cmd.Trim()))"
        kill -KILL $procId 2>$null
    }
}

# Mounts under the run directory, deepest first.
$mounts = Get-Content /proc/self/mountinfo | ForEach-Object { ($_ -split ' ')[4] } |
    Where-Object { $_ -eq $RunDir -or $_.StartsWith("$RunDir/") } | Sort-Object Length -Descending -Unique
foreach ($m in $mounts) { Report "mount $m"; umount -l $m 2>$null }

# Cgroups named for the run, in every hierarchy: kill the members, thaw, remove deepest first.
$cgroups = foreach ($hier in Get-ChildItem /sys/fs/cgroup -Directory -ErrorAction SilentlyContinue | Where-Object { -not $_.LinkTarget }) {
    Get-ChildItem $hier.FullName -Directory -Filter "nsinit-test-$Tag*" -ErrorAction SilentlyContinue
}
if (Test-Path /sys/fs/cgroup/cgroup.procs) { # a pure cgroup v2 host
    $cgroups = @(Get-ChildItem /sys/fs/cgroup -Directory -Filter "nsinit-test-$Tag*" -ErrorAction SilentlyContinue)
}
foreach ($cg in $cgroups) {
    Report "cgroup $($cg.FullName)"
    $tree = @(Get-ChildItem $cg.FullName -Directory -Recurse -ErrorAction SilentlyContinue) + $cg | Sort-Object { $_.FullName.Length } -Descending
    foreach ($d in $tree) {
        foreach ($f in 'freezer.state', 'cgroup.freeze') {
            if (Test-Path "$($d.FullName)/$f") { try { Set-Content "$($d.FullName)/$f" ($f -eq 'freezer.state' ? 'THAWED' : '0') } catch { } }
        }
        if (Test-Path "$($d.FullName)/cgroup.kill") { try { Set-Content "$($d.FullName)/cgroup.kill" 1 } catch { } }
        foreach ($p in Get-Content "$($d.FullName)/cgroup.procs" -ErrorAction SilentlyContinue) { kill -KILL $p 2>$null }
    }
    foreach ($d in $tree) {
        for ($i = 0; $i -lt 50 -and (Test-Path $d.FullName); $i++) {
            try { [IO.Directory]::Delete($d.FullName) } catch { Start-Sleep -Milliseconds 100 }
        }
    }
}

# Network namespaces of the run (lc-test-<Tag>…, lc-e2e-<Tag>…, lc-pester-<Tag>…).
if (Test-Path /run/netns) {
    foreach ($ns in Get-ChildItem /run/netns | Where-Object Name -match "^lc-[a-z]+-$([regex]::Escape($Tag))") {
        Report "netns $($ns.Name)"
        ip netns delete $ns.Name 2>$null
    }
}

# Test users of the run (the rootless tests make lcr-<Tag>…): their processes, the user with its home, and their
# /etc/subuid and /etc/subgid lines (userdel removes those too; a half-made user may have lines and no passwd entry).
$userPrefix = "lcr-$Tag"
foreach ($line in Get-Content /etc/passwd) {
    $fields = $line -split ':'
    $name, $uid = $fields[0], $fields[2]
    if (-not $name.StartsWith($userPrefix)) { continue }
    Report "user $name"
    foreach ($proc in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -match '^\d+$') {
        $status = Get-Content "/proc/$($proc.Name)/status" -ErrorAction SilentlyContinue | Where-Object { $_ -like 'Uid:*' }
        if ($status -and ($status -split '\s+')[1..4] -contains $uid) { kill -KILL $proc.Name 2>$null }
    }
    userdel -r -f $name 2>$null
}
foreach ($file in '/etc/subuid', '/etc/subgid') {
    if (-not (Test-Path $file)) { continue }
    $lines = @(Get-Content $file)
    $kept = @($lines | Where-Object { -not $_.StartsWith($userPrefix) })
    if ($kept.Count -ne $lines.Count) {
        Report "$file lines of $userPrefix*"
        Set-Content -Path $file -Value $kept
    }
}

Remove-Item -Recurse -Force $RunDir -ErrorAction SilentlyContinue
"sweep: $($found.Count) leftovers"
exit ([int]($found.Count -gt 0))
