# Remove-Container -Orphaned (the module's `nsinit gc`, docs/recovery.md): ShouldProcess per orphan, typed output.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
}

AfterAll { Clear-TestRoots }

Describe 'Remove-Container -Orphaned' {
    It '-WhatIf removes nothing; then each orphan is removed and emitted' {
        # A state directory without state.json: what a create killed right after making it leaves.
        $dir = New-Item -ItemType Directory (Join-Path $script:StateRoot 'orphan1')
        Remove-Container -Orphaned -WhatIf | Should -BeNullOrEmpty
        Test-Path $dir | Should -BeTrue

        $removed = @(Remove-Container -Orphaned -Confirm:$false | Where-Object Id -eq 'orphan1')
        $removed.Count | Should -Be 1
        $removed[0] | Should -BeOfType ([LibContainer.Runtime.Orphan])
        $removed[0].Kind | Should -Be 'StateDirectory'
        $removed[0].Reason | Should -Be 'no state.json'
        Test-Path $dir | Should -BeFalse
    }

    It '-Orphaned is a parameter set of its own (no -Force, no container)' {
        { Remove-Container -Orphaned -Force -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }
}

Describe 'New-Container -ReadOnlyPath / -ReadWritePath (Landlock)' {
    It 'builds process.landlock: every filesystem right handled, read and run beneath -ReadOnlyPath, all beneath -ReadWritePath' {
        $cfg = New-ContainerConfig -ReadOnlyPath / -ReadWritePath /tmp, /run
        $ll = $cfg.Process.Landlock
        $ll.Ruleset.HandledAccessFS | Should -Contain 'write_file'
        $ll.Rules.PathBeneath[0].Paths | Should -Be @('/')
        $ll.Rules.PathBeneath[0].AllowedAccess | Should -Be @('execute', 'read_file', 'read_dir')
        $ll.Rules.PathBeneath[1].Paths | Should -Be @('/tmp', '/run')
        $ll.Rules.PathBeneath[1].AllowedAccess | Should -Contain 'make_reg'
    }

    It 'a container built with them cannot write outside -ReadWritePath' {
        if ($script:Skip = Get-ExecSkipReason) { Set-ItResult -Skipped -Because $script:Skip; return }
        Assert-TestRootfs
        $rw = New-Item -ItemType Directory (Join-Path $TestDrive 'rw')
        $other = New-Item -ItemType Directory (Join-Path $TestDrive 'other')
        New-Container -Rootfs $script:Rootfs -Name ll1 -ReadOnlyPath / -ReadWritePath /tmp -Mount "$($rw):/tmp", "$($other):/run" `
            -Command /bin/sleep, 600 -ErrorAction Stop | Start-Container
        Invoke-ContainerProcess -Name ll1 /bin/sh -c 'echo in > /tmp/f && cat /tmp/f' | Should -Be 'in'
        Invoke-ContainerProcess -Name ll1 /bin/sh -c 'echo out > /run/f && echo WROTE || echo DENIED' | Should -Be 'DENIED'
        Get-ChildItem $other | Should -BeNullOrEmpty
        Get-Content (Join-Path $rw 'f') | Should -Be 'in'
    }
}
