# New-Container -SeccompProfile against real containers started by the staged nsinit.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-RuntimeSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
    function Skip-WithoutRuntime { if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return $true }; $false }
}

AfterAll { Clear-TestRoots }

Describe 'New-Container -SeccompProfile' {
    AfterEach { Remove-TestContainers }

    It 'Default filters the container: Get-Container shows it, busybox runs, unshare and mount are refused' {
        if (Skip-WithoutRuntime) { return }
        $c = New-Container -Rootfs $script:Rootfs -Name sc1 -SeccompProfile Default -ErrorAction Stop
        $c.Config.Linux.Seccomp.DefaultAction | Should -Be 'SCMP_ACT_ERRNO'
        $out = $c | Invoke-ContainerProcess /bin/sh -c 'ls / >/dev/null && echo ok; unshare -m true 2>&1; mount -t tmpfs none /mnt 2>&1; true'
        $out | Should -Contain 'ok'
        ($out -join "`n") | Should -Match 'Operation not permitted'
        (Get-Container -Name sc1).Seccomp | Should -Be 'filter'
    }

    It 'takes the path of a profile file and a LinuxSeccomp object' {
        if (Skip-WithoutRuntime) { return }
        $file = Join-Path $script:BundleRoot 'profile.json'
        '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["getcwd"],"action":"SCMP_ACT_ERRNO","errnoRet":13}]}' | Set-Content $file
        $c = New-Container -Rootfs $script:Rootfs -Name sc2 -SeccompProfile $file -ErrorAction Stop
        ($c | Invoke-ContainerProcess /bin/sh -c '/bin/busybox pwd 2>&1; true') | Should -Match 'Permission denied'
        $d = New-Container -Rootfs $script:Rootfs -Name sc3 -SeccompProfile $c.Config.Linux.Seccomp -ErrorAction Stop
        $d.Config.Linux.Seccomp.Syscalls[0].ErrnoRet | Should -Be 13
    }

    It 'without the parameter no filter is active' {
        if (Skip-WithoutRuntime) { return }
        New-Container -Rootfs $script:Rootfs -Name sc4 -ErrorAction Stop | Start-Container
        (Get-Container -Name sc4).Seccomp | Should -Be 'disabled'
    }

    It 'a profile file that does not exist is ConfigInvalid and leaves nothing' {
        { New-Container -Rootfs $script:Rootfs -Name sc5 -SeccompProfile /nonexistent/profile.json -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigInvalid,*'
        Get-Container | Should -BeNullOrEmpty
    }
}
