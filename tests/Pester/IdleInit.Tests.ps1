# New-Container's default init (no -Command): idle at no cost, ends on SIGTERM at once, never spins when what it
# waits on goes away, and never outlives its supervisor.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-ExecSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
    function Skip-WithoutExec { if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return $true }; $false }
}

AfterAll { Clear-TestRoots }

Describe 'The idle init of New-Container' {
    AfterEach { Remove-TestContainers }

    It 'forks nothing while idle: the same two processes a while later' {
        if (Skip-WithoutExec) { return }
        $c = New-Container -Rootfs $script:Rootfs -Name idle1 -ErrorAction Stop | Start-Container -PassThru
        Wait-Until { @(Get-ContainerProcess idle1).Count -eq 2 } | Should -BeTrue
        $before = (Get-ContainerProcess idle1).Pid | Sort-Object
        Start-Sleep -Milliseconds 2500 # a window in which the old `while :; do sleep 1; done` forked twice
        ((Get-ContainerProcess idle1).Pid | Sort-Object) | Should -Be $before
        (Get-ContainerProcess idle1).ProcessName | Sort-Object | Should -Be @('sh', 'sleep')
    }

    It 'ends at once on SIGTERM with exit code 0' {
        if (Skip-WithoutExec) { return }
        New-Container -Rootfs $script:Rootfs -Name idle2 -ErrorAction Stop | Start-Container
        # Its trap is set before the sleep starts; a SIGTERM earlier meets pid 1's default (ignored) disposition.
        Wait-Until { @(Get-ContainerProcess idle2 | Where-Object ProcessName -eq 'sleep').Count -eq 1 } | Should -BeTrue
        $t = Measure-Command { Stop-Container idle2 -Timeout 10 }
        $t.TotalSeconds | Should -BeLessThan 5
        (Get-Container idle2).ExitCode | Should -Be 0
    }

    It 'ends instead of looping when its sleep is gone (no spin when the rootfs changes under it)' {
        if (Skip-WithoutExec) { return }
        $c = New-Container -Rootfs $script:Rootfs -Name idle3 -ErrorAction Stop | Start-Container -PassThru
        Wait-Until { @(Get-ContainerProcess idle3 | Where-Object ProcessName -eq 'sleep').Count -eq 1 } | Should -BeTrue
        $sleep = (Get-ContainerProcess idle3 | Where-Object ProcessName -eq 'sleep').Pid
        kill -KILL $sleep
        Wait-Until { -not (Test-Alive $c.Pid) } | Should -BeTrue
        (Get-Container idle3).State | Should -Be 'Stopped'
    }

    It 'never outlives its supervisor: SIGKILL of the supervisor kills the container' {
        if (Skip-WithoutExec) { return }
        $c = New-Container -Rootfs $script:Rootfs -Name idle4 -ErrorAction Stop | Start-Container -PassThru
        $supervisor = [int](Get-Content (Join-Path $script:StateRoot "$($c.Id)/supervisor.pid"))
        kill -KILL $supervisor
        Wait-Until { -not (Test-Alive $c.Pid) } | Should -BeTrue
    }
}
