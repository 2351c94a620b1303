# What admins expect from docker/podman: -AutoRemove (the default for unnamed containers), the hostname is the
# container's name, Get-ContainerLog, -Ulimit, -CgroupParent. Real containers, as root.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-ExecSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
    function Skip-WithoutExec { if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return $true }; $false }
    $script:Parent = "lc-pester-$PID"
}

AfterAll {
    Clear-TestRoots
    # the parent cgroup -CgroupParent made (the runtime leaves parents, as runc does)
    Get-ChildItem /sys/fs/cgroup -Directory -ErrorAction SilentlyContinue | ForEach-Object {
        foreach ($d in @("$($_.FullName)/$script:Parent", "/sys/fs/cgroup/$script:Parent")) { if (Test-Path $d) { Remove-Item $d -ErrorAction SilentlyContinue } }
    }
}

Describe 'New-Container defaults and options' {
    AfterEach { Remove-TestContainers }

    It 'an unnamed container piped to Invoke-ContainerProcess is removed after the command; a named one stays' {
        if (Skip-WithoutExec) { return }
        New-Container -Rootfs $script:Rootfs | Invoke-ContainerProcess /bin/sh -c 'echo hi' | Should -Be 'hi'
        Get-Container | Should -BeNullOrEmpty
        Get-ChildItem $script:BundleRoot | Should -BeNullOrEmpty
        New-Container -Rootfs $script:Rootfs -Name keep1 | Invoke-ContainerProcess /bin/true
        (Get-Container keep1).State | Should -Be 'Running'
    }

    It '-AutoRemove on a named container: Wait-Container reports the exit code, then it is gone' {
        if (Skip-WithoutExec) { return }
        New-Container -Rootfs $script:Rootfs -Name ar1 -AutoRemove -Command /bin/sh, -c, 'exit 7' | Start-Container
        (Wait-Container ar1 -Timeout 20).ExitCode | Should -Be 7
        Get-Container ar1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'the hostname is the container''s name unless -Hostname says otherwise' {
        if (Skip-WithoutExec) { return }
        New-Container -Rootfs $script:Rootfs -Name host1 | Invoke-ContainerProcess /bin/hostname | Should -Be 'host1'
        New-Container -Rootfs $script:Rootfs -Name host2 -Hostname other | Invoke-ContainerProcess /bin/hostname | Should -Be 'other'
    }

    It '-Ulimit sets the soft and hard limits' {
        if (Skip-WithoutExec) { return }
        New-Container -Rootfs $script:Rootfs -Name ul1 -Ulimit nofile=512:1024 | Invoke-ContainerProcess /bin/sh -c 'ulimit -n; ulimit -Hn' |
            Should -Be @('512', '1024')
    }

    It '-CgroupParent puts the container''s cgroup under it' {
        if (Skip-WithoutExec) { return }
        $c = New-Container -Rootfs $script:Rootfs -Name cg1 -CgroupParent $script:Parent | Start-Container -PassThru
        $c.CgroupsPath | Should -Be "/$($script:Parent)/$($c.Id)"
        Get-Content "/proc/$($c.Pid)/cgroup" | Where-Object { $_ -like "*/$($script:Parent)/$($c.Id)" } | Should -Not -BeNullOrEmpty
    }

    It 'Get-ContainerLog -Tail and -Wait: the output of the container''s init until it stops' {
        if (Skip-WithoutExec) { return }
        New-Container -Rootfs $script:Rootfs -Name log1 -Command /bin/sh, -c, 'echo one; sleep 1; echo two; sleep 1; echo three' | Start-Container
        Get-ContainerLog log1 -Wait | Should -Be @('one', 'two', 'three')
        Get-ContainerLog log1 -Tail 1 | Should -Be 'three'
    }
}
