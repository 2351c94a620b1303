# tools/Sweep-TestLeftovers.ps1, which `build.ps1 -Test` runs last: what a failed test left behind (here: a test that
# "fails" before its cleanup) is found, named and removed, and nothing outside the run is touched.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Skip = Get-RuntimeSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
    $script:Sweep = Join-Path $script:Repo 'tools/Sweep-TestLeftovers.ps1'
}

Describe 'The test sweep' {
    It 'removes the containers, processes and cgroups of a failed test and fails naming them' {
        if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return }
        $tag = 'sweep' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '-'
        $runDir = Join-Path ([IO.Path]::GetTempPath()) "libcontainer-sweep-$tag".TrimEnd('-')
        $savedRoot, $savedBundles = $env:LIBCONTAINER_ROOT, $env:LIBCONTAINER_BUNDLE_ROOT
        try {
            # The "failed test": a supervised, running container in the run's state root, never removed.
            $env:LIBCONTAINER_ROOT = "$runDir/state"
            $env:LIBCONTAINER_BUNDLE_ROOT = "$runDir/bundles"
            $c = New-Container -Rootfs $script:Rootfs -Name leftover -ErrorAction Stop | Start-Container -PassThru
            $initPid = $c.Pid
            $supervisor = [int](Get-Content "$runDir/state/$($c.Id)/supervisor.pid")
            $cgroup = (Get-Content "/proc/$initPid/cgroup" | Where-Object { $_ -match ':memory:' }) -replace '^.*:memory:', ''

            $out = @(& $script:Sweep -RunDir $runDir -Tag $tag -Nsinit $script:Nsinit)
            $LASTEXITCODE | Should -Be 1
            ($out -join "`n") | Should -Match "leftover container $([regex]::Escape("$runDir/state/$($c.Id)"))"
            $out[-1] | Should -Match '^sweep: [1-9]\d* leftovers$'
            Wait-Until { -not (Test-Alive $initPid) -and -not (Test-Alive $supervisor) } | Should -BeTrue
            Test-Path "/sys/fs/cgroup/memory$cgroup" | Should -BeFalse
            Test-Path $runDir | Should -BeFalse

            # A clean run: nothing found, exit 0.
            New-Item -ItemType Directory $runDir | Out-Null
            $clean = @(& $script:Sweep -RunDir $runDir -Tag $tag -Nsinit $script:Nsinit)
            $LASTEXITCODE | Should -Be 0
            $clean[-1] | Should -Be 'sweep: 0 leftovers'
        } finally {
            $env:LIBCONTAINER_ROOT, $env:LIBCONTAINER_BUNDLE_ROOT = $savedRoot, $savedBundles
            if (Test-Path $runDir) { & $script:Sweep -RunDir $runDir -Tag $tag -Nsinit $script:Nsinit | Out-Null }
        }
    }

    It 'removes a rootless test user of the run, its processes and its /etc/subuid and /etc/subgid lines' {
        if (-not (Get-Command useradd -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'useradd is missing'; return }
        $tag = 'sweep' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '-'
        $runDir = Join-Path ([IO.Path]::GetTempPath()) "libcontainer-sweep-$tag".TrimEnd('-')
        $user = "lcr-$($tag)x"
        New-Item -ItemType Directory $runDir | Out-Null
        try {
            useradd -M -s /bin/sh $user
            usermod --add-subuids 1900000000-1900065535 --add-subgids 1900000000-1900065535 $user
            $sleeper = Start-Process -FilePath setpriv -ArgumentList '--reuid', $user, '--regid', $user, '--init-groups', 'sleep', '600' -PassThru
            Wait-Until { (Get-Content "/proc/$($sleeper.Id)/status" -ErrorAction SilentlyContinue) -match '^Uid:\s+[1-9]' } | Should -BeTrue

            $out = @(& $script:Sweep -RunDir $runDir -Tag $tag -Nsinit $script:Nsinit)
            $LASTEXITCODE | Should -Be 1
            ($out -join "`n") | Should -Match "leftover user $([regex]::Escape($user))"
            Wait-Until { $sleeper.HasExited } | Should -BeTrue
            (Get-Content /etc/passwd) -match "^$([regex]::Escape($user)):" | Should -BeNullOrEmpty
            (Get-Content /etc/subuid, /etc/subgid) -match "^$([regex]::Escape($user)):" | Should -BeNullOrEmpty
        } finally {
            if ((Get-Content /etc/passwd) -match "^$([regex]::Escape($user)):") { userdel -f $user 2>$null }
            if (Test-Path $runDir) { Remove-Item -Recurse -Force $runDir }
        }
    }
}
