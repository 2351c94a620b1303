# Wait-Container reports how a container's init ended (the supervisor `nsinit create --supervise` leaves behind
# writes exit.json): ExitCode like docker wait, 128+N and the signal's name when a signal killed it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-RuntimeSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
    function Skip-WithoutRuntime { if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return $true }; $false }
    function Get-Supervisor([string] $Id) {
        $file = Join-Path $script:StateRoot "$Id/supervisor.pid"
        if (Test-Path $file) { [int](Get-Content $file) }
    }
}

AfterAll { Clear-TestRoots }

Describe 'Wait-Container exit status' {
    It 'emits the stopped container with the exit code of its command' {
        if (Skip-WithoutRuntime) { return }
        $c = New-Container -Rootfs $script:Rootfs -Name exit3 -Command /bin/sh, -c, 'exit 3' -ErrorAction Stop
        $c.ExitCode | Should -BeNullOrEmpty
        Start-Container -InputObject $c
        $w = Wait-Container $c -Timeout 20
        $w.ExitCode | Should -Be 3
        $w.ExitSignal | Should -BeNullOrEmpty
        $w.State | Should -Be 'Stopped'
        $w.FinishedAt | Should -Not -BeNullOrEmpty
        $w | Should -BeOfType ([LibContainer.Container])
        (Get-Container exit3).ExitCode | Should -Be 3
        Remove-Container exit3
    }

    It 'Stop-Container (SIGTERM, default handling) gives 128+15 and names the signal' {
        if (Skip-WithoutRuntime) { return }
        # Without its own pid namespace: a namespace's pid 1 ignores SIGTERM it has no handler for.
        $c = New-Container -Rootfs $script:Rootfs -Name term1 -Namespace mount, uts, ipc, network -Command /bin/sleep, 60 -ErrorAction Stop |
            Start-Container -PassThru
        $id = $c.Id
        Get-Supervisor $id | Should -Not -BeNullOrEmpty
        Stop-Container -InputObject $c -Timeout 10
        $w = Wait-Container -Id $id -Timeout 20
        $w.ExitCode | Should -Be 143
        $w.ExitSignal | Should -Be 'SIGTERM'
        Remove-Container term1
    }

    It 'Stop-Container -Signal KILL reports 137 and SIGKILL' {
        if (Skip-WithoutRuntime) { return }
        $c = New-Container -Rootfs $script:Rootfs -Name kill1 -Command /bin/sleep, 60 -ErrorAction Stop | Start-Container -PassThru
        Stop-Container -InputObject $c -Signal KILL -Timeout 0
        $w = Wait-Container kill1 -Timeout 20
        $w.ExitCode | Should -Be 137
        $w.ExitSignal | Should -Be 'SIGKILL'
        Remove-Container kill1
    }

    It 'the output shows the exit code (ContainerExit view) and the list view has ExitCode' {
        if (Skip-WithoutRuntime) { return }
        New-Container -Rootfs $script:Rootfs -Name view1 -Command /bin/sh, -c, 'exit 42' -ErrorAction Stop | Start-Container
        $w = Wait-Container view1 -Timeout 20
        $w.PSObject.TypeNames[0] | Should -Be 'LibContainer.Container#Exit'
        $table = $w | Format-Table | Out-String
        $table | Should -Match 'ExitCode'
        $table | Should -Match 'view1\s+\S+\s+Stopped\s+42'
        (Get-Container view1 | Format-List | Out-String) | Should -Match 'ExitCode\s*:\s*42'
        Remove-Container view1
    }

    It 'Remove-Container -Force of a running container leaves no supervisor behind' {
        if (Skip-WithoutRuntime) { return }
        $c = New-Container -Rootfs $script:Rootfs -Name rm1 -Command /bin/sleep, 60 -ErrorAction Stop | Start-Container -PassThru
        $supervisor = Get-Supervisor $c.Id
        Test-Alive $supervisor | Should -BeTrue
        Remove-Container rm1 -Force
        $deadline = [datetime]::UtcNow.AddSeconds(5)
        while ((Test-Alive $supervisor) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        Test-Alive $supervisor | Should -BeFalse
        Test-Path (Join-Path $script:StateRoot $c.Id) | Should -BeFalse
    }
}
