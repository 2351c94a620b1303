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
