# Shared by the Pester files: module import, private state/bundle roots, the runtime check, cleanup.
$script:Repo = if ($env:LIBCONTAINER_REPO) { $env:LIBCONTAINER_REPO } else { (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }
$script:ModulePath = if ($env:LIBCONTAINER_MODULE) { $env:LIBCONTAINER_MODULE } else { Join-Path $script:Repo 'out/LibContainer/LibContainer.psd1' }
$script:Rootfs = if ($env:LIBCONTAINER_ROOTFS) { $env:LIBCONTAINER_ROOTFS } else { Join-Path $script:Repo 'out/rootfs' }
$script:Nsinit = if ($env:LIBCONTAINER_NSINIT) { $env:LIBCONTAINER_NSINIT } else { Join-Path (Split-Path $script:ModulePath) 'nsinit' }

Import-Module $script:ModulePath -Force

function Initialize-TestRoots {
    # Private state and bundle roots so tests never see or touch other containers.
    $script:TestRoot = if ($env:LIBCONTAINER_TEST_RUN_DIR) { "$env:LIBCONTAINER_TEST_RUN_DIR/pester-$PID" } else { "/run/libcontainer-pester/$PID" }
    $script:StateRoot = "$script:TestRoot/state"
    $script:BundleRoot = "$script:TestRoot/bundles"
    $env:LIBCONTAINER_ROOT = $script:StateRoot
    $env:LIBCONTAINER_BUNDLE_ROOT = $script:BundleRoot
    New-Item -ItemType Directory -Force $script:StateRoot, $script:BundleRoot | Out-Null
}

function Get-RuntimeSkipReason {
    # Container tests need an nsinit with the runtime's commands and the test rootfs; say exactly what is missing.
    if (-not (Test-Path $script:Nsinit)) { return "nsinit not found at $script:Nsinit (build.ps1 publishes it beside the module)" }
    $usage = (& $script:Nsinit --help 2>&1) -join "`n"
    if ($usage -notmatch '\bcreate\b') { return "nsinit at $script:Nsinit has no 'create' command yet (the runtime is not on main)" }
    return $null
}

function Get-ExecSkipReason {
    # Running a process in a container needs `nsinit exec`.
    $reason = Get-RuntimeSkipReason
    if ($reason) { return $reason }
    $probe = (& $script:Nsinit --root /nonexistent/libcontainer-probe exec --process /dev/null probe 2>&1) -join "`n"
    if ($probe -match 'not implemented') { return "nsinit exec is not implemented yet (the runtime says: $($probe.Trim()))" }
    return $null
}

function Wait-Until([scriptblock] $Condition, [double] $TimeoutSeconds = 10) {
    # Polls until the condition holds or the deadline passes; returns whether it held (tests assert on that).
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { return $false }
        Start-Sleep -Milliseconds 50
    }
    return $true
}

function Test-Alive([int] $ProcessId) {
    # A zombie awaiting its reaper (the supervisor is this pwsh's unreaped child) counts as gone.
    $stat = Get-Content "/proc/$ProcessId/stat" -ErrorAction SilentlyContinue
    $stat -and ($stat -split '\) ')[1][0] -notin 'Z', 'X'
}

function Assert-TestRootfs {
    if (-not (Test-Path (Join-Path $script:Rootfs 'bin/sh'))) {
        throw "Test rootfs not found at $script:Rootfs: run tools/make-rootfs.sh out/rootfs or set LIBCONTAINER_ROOTFS"
    }
}

function Remove-TestContainers {
    Get-Container -ErrorAction SilentlyContinue | Remove-Container -Force -Confirm:$false -ErrorAction SilentlyContinue
}

function Clear-TestRoots {
    Remove-TestContainers
    Remove-Item -Recurse -Force $script:TestRoot -ErrorAction SilentlyContinue
    if ((Test-Path /run/libcontainer-pester) -and -not (Get-ChildItem /run/libcontainer-pester)) { Remove-Item /run/libcontainer-pester -Force }
}
