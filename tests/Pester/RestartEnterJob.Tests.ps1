# Restart-Container, Enter-Container under a real pty (tmux), -AsJob, tab completion, Get-Container's order and the
# error wording of bad -Mount / too-low -MemoryLimit / cgroups hidden by `ip netns exec`. Real containers, as root.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-ExecSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
    function Skip-WithoutExec { if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return $true }; $false }
}

AfterAll {
    Get-Job -ErrorAction SilentlyContinue | Remove-Job -Force -ErrorAction SilentlyContinue
    Clear-TestRoots
}

Describe 'Restart-Container' {
    AfterEach { Remove-TestContainers }

    It 'stops the running container and starts the same definition again: same id and name, new init' {
        if (Skip-WithoutExec) { return }
        $c = New-Container -Rootfs $script:Rootfs -Name rs1 -MemoryLimit 64MB | Start-Container -PassThru
        $r = Restart-Container rs1 -Timeout 5 -PassThru
        $r.Id | Should -Be $c.Id
        $r.State | Should -Be 'Running'
        $r.Pid | Should -Not -Be $c.Pid
        $r.MemoryLimit | Should -Be 64MB
        Test-Alive $c.Pid | Should -BeFalse
        Invoke-ContainerProcess -Name rs1 /bin/hostname | Should -Be 'rs1'
    }

    It 'starts a stopped container again and a created one; -WhatIf changes nothing' {
        if (Skip-WithoutExec) { return }
        New-Container -Rootfs $script:Rootfs -Name rs2 -Command /bin/sh, -c, 'exit 3' | Start-Container
        (Wait-Container rs2 -Timeout 20).ExitCode | Should -Be 3
        Restart-Container rs2 -WhatIf
        (Get-Container rs2).State | Should -Be 'Stopped'
        New-Container -Rootfs $script:Rootfs -Name rs3 | Out-Null
        Get-Container rs2, rs3 | Restart-Container
        (Wait-Container rs2 -Timeout 20).ExitCode | Should -Be 3 -Because 'it ran again'
        (Get-Container rs3).State | Should -Be 'Running'
    }
}

Describe '-AsJob' {
    BeforeAll { if (-not $script:Skip) { New-Container -Rootfs $script:Rootfs -Name job1 | Start-Container } }
    AfterAll { Remove-TestContainers }

    It 'Invoke-ContainerProcess -AsJob: Receive-Job gives the output lines, the stderr records and the result object' {
        if (Skip-WithoutExec) { return }
        $job = Invoke-ContainerProcess -Name job1 -AsJob -PassThru /bin/sh -c 'echo one; echo oops >&2; echo two; exit 2'
        $job | Should -BeOfType System.Management.Automation.Job
        $job | Wait-Job -Timeout 30 | Should -Not -BeNullOrEmpty
        $out = Receive-Job $job -ErrorVariable errs -ErrorAction SilentlyContinue
        $out[0..1] | Should -Be @('one', 'two')
        $out[2] | Should -BeOfType LibContainer.ContainerProcessResult
        $out[2].ExitCode | Should -Be 2
        "$errs" | Should -Be 'oops'
    }

    It 'Stop-Job ends the process in the container' {
        if (Skip-WithoutExec) { return }
        $job = Invoke-ContainerProcess -Name job1 -AsJob /bin/sleep 1003
        Wait-Until { Get-ContainerProcess job1 | Where-Object CommandLine -eq '/bin/sleep 1003' } 20 | Should -BeTrue
        Stop-Job $job
        $job.State | Should -Be 'Stopped'
        Wait-Until { -not (Get-ContainerProcess job1 | Where-Object CommandLine -eq '/bin/sleep 1003') } 10 | Should -BeTrue
    }

    It 'Wait-Container -AsJob: Receive-Job gives the stopped container with its exit code' {
        if (Skip-WithoutExec) { return }
        New-Container -Rootfs $script:Rootfs -Name job2 -Command /bin/sh, -c, 'sleep 1; exit 5' | Start-Container
        $job = Wait-Container job2 -AsJob
        $job | Wait-Job -Timeout 30 | Should -Not -BeNullOrEmpty
        $done = Receive-Job $job
        $done | Should -BeOfType LibContainer.Container
        $done.ExitCode | Should -Be 5
    }
}

Describe 'Enter-Container under a real terminal (tmux)' {
    AfterEach { & tmux -L "lc-enter-$PID" kill-server 2>$null; Remove-TestContainers }

    It 'opens /bin/sh on a pty in the container; exit gives the prompt back; without a terminal it is TerminalRequired' {
        if (Skip-WithoutExec) { return }
        if (-not (Get-Command tmux -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'tmux is not installed'; return }
        New-Container -Rootfs $script:Rootfs -Name ent1 | Start-Container
        { Enter-Container ent1 -ErrorAction Stop } | Should -Throw -ErrorId 'TerminalRequired,*'
        $marker = Join-Path ([IO.Path]::GetTempPath()) "lc-enter-$PID-$(Get-Random)"
        $init = "`$env:LIBCONTAINER_ROOT='$($script:StateRoot)'; `$env:LIBCONTAINER_BUNDLE_ROOT='$($script:BundleRoot)'; " +
            "Import-Module '$($script:ModulePath)'; Set-Content -Path '$marker.ready' -Value ready"
        $exe = [Environment]::ProcessPath
        $pwsh = if ((Split-Path -Leaf $exe) -eq 'dotnet') { @($exe, (Join-Path $PSHOME 'pwsh.dll')) } else { @($exe) }
        & tmux -L "lc-enter-$PID" new-session -d -s t -x 160 -y 40 @pwsh -NoProfile -NoLogo -NoExit -Command $init
        Wait-Until { Test-Path "$marker.ready" } 60 | Should -BeTrue
        & tmux -L "lc-enter-$PID" send-keys -t t 'Enter-Container ent1' Enter
        Wait-Until { Get-ContainerProcess ent1 | Where-Object CommandLine -eq '/bin/sh' } 20 | Should -BeTrue -Because 'the shell starts'
        & tmux -L "lc-enter-$PID" send-keys -t t 'tty > /tmp/tty; hostname > /tmp/name; exit 7' Enter
        Wait-Until { -not (Get-ContainerProcess ent1 | Where-Object CommandLine -eq '/bin/sh') } 20 | Should -BeTrue
        Invoke-ContainerProcess -Name ent1 /bin/cat /tmp/tty /tmp/name | Should -Be @('/dev/pts/0', 'ent1')
        & tmux -L "lc-enter-$PID" send-keys -t t "Set-Content -Path '$marker' -Value `$LASTEXITCODE" Enter
        Wait-Until { Test-Path $marker } 20 | Should -BeTrue -Because 'the prompt is PowerShell''s again'
        Get-Content $marker | Should -Be '7'
        Remove-Item $marker, "$marker.ready"
    }
}

Describe 'Completion, order and error wording' {
    AfterEach { Remove-TestContainers }

    It 'completes -Signal, -Capability (with or without CAP_) and -Bridge' {
        (TabExpansion2 'Stop-Container -Signal TE').CompletionMatches.CompletionText | Should -Be 'TERM'
        (TabExpansion2 'Restart-Container -Signal KI').CompletionMatches.CompletionText | Should -Be 'KILL'
        (TabExpansion2 'New-Container -Capability net_ad').CompletionMatches.CompletionText | Should -Be 'CAP_NET_ADMIN'
        (TabExpansion2 'New-ContainerConfig -Capability CAP_SYS_CH').CompletionMatches.CompletionText | Should -Be 'CAP_SYS_CHROOT'
        $bridges = @(Get-ChildItem /sys/class/net -Directory -ErrorAction SilentlyContinue | Where-Object { Test-Path "$($_.FullName)/bridge" } | ForEach-Object Name | Sort-Object)
        @((TabExpansion2 'New-Container -Bridge ').CompletionMatches.CompletionText) | Should -Be $bridges
    }

    It 'Get-Container lists by name' {
        if (Skip-WithoutExec) { return }
        foreach ($n in 'zeta', 'Alpha', 'mid') { New-Container -Rootfs $script:Rootfs -Name $n | Out-Null }
        (Get-Container).Name | Should -Be @('Alpha', 'mid', 'zeta')
    }

    It 'a bad -Mount says which part of which value is wrong (InvalidArgument)' -ForEach @(
        @{ Value = 'nodest'; Says = '*no destination*' }, @{ Value = '/tmp:rel'; Says = "*destination 'rel' is not an absolute path*" }
        @{ Value = '/tmp:/x:rx'; Says = "*option 'rx'*" }, @{ Value = ':/x'; Says = '*source is empty*' }
    ) {
        { New-Container -Rootfs $script:Rootfs -Name badmount -Mount $Value -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,*' -ExpectedMessage $Says
        Get-Container | Should -BeNullOrEmpty
    }

    It '-Mount SRC:DST:ro requests rro (read-only in submounts too) where the kernel has mount_setattr' {
        $c = New-ContainerConfig -Rootfs $script:Rootfs -Mount '/tmp:/host-tmp:ro'
        $m = $c.Mounts | Where-Object Destination -eq '/host-tmp'
        $m.Options | Should -Contain ($([LibContainer.Rootfs.MountOptions]::RecursiveAttributesSupported) ? 'rro' : 'ro')
        (New-ContainerConfig -Rootfs $script:Rootfs -Volume '/tmp:/v:ro').Mounts.Destination | Should -Contain '/v'
    }

    It 'a -MemoryLimit below what the container uses says the limit is too low' {
        if (Skip-WithoutExec) { return }
        if (-not (Test-Path /sys/fs/cgroup/memory/memory.limit_in_bytes)) { Set-ItResult -Skipped -Because 'no cgroup v1 memory controller (v2 takes any limit and OOM-kills)'; return }
        { New-Container -Rootfs $script:Rootfs -Name lowmem -MemoryLimit 4096 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*too low*'
        Get-Container | Should -BeNullOrEmpty
    }

    It 'under ip netns exec (cgroups hidden) the error says cgroups are not visible and why' {
        if (Skip-WithoutExec) { return }
        $ns = 'lc-pester-' + $env:LIBCONTAINER_TEST_TAG + [guid]::NewGuid().ToString('N').Substring(0, 8)
        ip netns add $ns
        try {
            $exe = [Environment]::ProcessPath
            $pwsh = if ((Split-Path -Leaf $exe) -eq 'dotnet') { @($exe, (Join-Path $PSHOME 'pwsh.dll')) } else { @($exe) }
            $cmd = "`$env:LIBCONTAINER_ROOT='$($script:StateRoot)'; `$env:LIBCONTAINER_BUNDLE_ROOT='$($script:BundleRoot)'; Import-Module '$($script:ModulePath)'; " +
                "New-Container -Rootfs '$($script:Rootfs)' -Name inns -ErrorVariable ev -ErrorAction SilentlyContinue | Out-Null; `$ev[0].Exception.Message"
            $out = (& ip netns exec $ns @pwsh -NoProfile -NonInteractive -Command $cmd) -join "`n"
        } finally { ip netns del $ns }
        $out | Should -BeLike '*cgroups are not visible*ip netns exec*'
        $out | Should -Not -BeLike '*rootfs*'
        Get-Container | Should -BeNullOrEmpty
    }
}
