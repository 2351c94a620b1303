# End to end, as root, against real containers started by the staged nsinit. Skipped (with the reason) only when
# nsinit has no `create` command yet; a missing rootfs fails.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-RuntimeSkipReason
    $script:SkipExec = Get-ExecSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
    function Skip-WithoutRuntime { if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return $true }; $false }
    function Skip-WithoutExec { if ($script:SkipExec) { Set-ItResult -Skipped -Because $script:SkipExec; return $true }; $false }
    function New-TestContainer([string] $Name, [hashtable] $More = @{}) { New-Container -Rootfs $script:Rootfs -Name $Name @More -ErrorAction Stop }
}

AfterAll { Clear-TestRoots }

Describe 'Errors without containers' {
    It 'Get-Container -Name of an unknown container is ContainerNotFound (ObjectNotFound, with a recommended action)' {
        Get-Container -Name nosuch -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $ev[0].TargetObject | Should -Be 'nosuch'
        $ev[0].ErrorDetails.RecommendedAction | Should -Match 'Get-Container'
        { Stop-Container -Name nosuch -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerNotFound,*'
        { Remove-Container -Id 'ffffffff' -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerNotFound,*'
    }

    It 'a wildcard that matches nothing is not an error' {
        Get-Container -Name 'nosuch*' -ErrorVariable ev | Should -BeNullOrEmpty
        $ev | Should -BeNullOrEmpty
    }

    It 'New-Container with a rootfs that does not exist is ConfigInvalid and leaves nothing' {
        { New-Container -Rootfs /nonexistent/rootfs -Name r1 -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigInvalid,*'
        Get-ChildItem $script:BundleRoot | Should -BeNullOrEmpty
    }

    It 'New-Container -WhatIf creates nothing' {
        New-Container -Rootfs $script:Rootfs -Name whatif1 -WhatIf
        Get-Container | Should -BeNullOrEmpty
        Get-ChildItem $script:BundleRoot | Should -BeNullOrEmpty
    }

    It 'a setup step that fails in init is InitFailed, with init''s message verbatim, and leaves nothing' {
        if (Skip-WithoutRuntime) { return }
        New-Container -Rootfs $script:Rootfs -Name bad1 -Mount /nonexistent/libcontainer-src:/mnt -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'InitFailed,*'
        $ev[0].Exception.Message | Should -Match "/nonexistent/libcontainer-src.*ENOENT"
        $ev[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        Get-Container | Should -BeNullOrEmpty
        Get-ChildItem $script:BundleRoot | Should -BeNullOrEmpty
    }

    It 'an invalid name is InvalidContainerName' {
        { New-Container -Rootfs $script:Rootfs -Name 'bad name!' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidContainerName,*'
    }
}

Describe 'Container lifecycle' {
    BeforeAll { if (-not $script:Skip) { $script:C1 = New-TestContainer 'life1' } }
    AfterAll { Remove-TestContainers }

    It 'New-Container emits a created LibContainer.Container whose ToString is the name' {
        if (Skip-WithoutRuntime) { return }
        $script:C1 | Should -BeOfType LibContainer.Container
        $script:C1.State | Should -Be 'Created'
        $script:C1.Name | Should -Be 'life1'
        "$($script:C1)" | Should -Be 'life1'
        $script:C1.Id | Should -Match '^[0-9a-f]{16}$'
    }

    It 'a second container with the same name is ContainerNameInUse' {
        if (Skip-WithoutRuntime) { return }
        { New-TestContainer 'life1' } | Should -Throw -ErrorId 'ContainerNameInUse,*'
    }

    It 'Get-Container finds it by name, wildcard, id prefix, state, and from the pipeline' {
        if (Skip-WithoutRuntime) { return }
        (Get-Container life1).Id | Should -Be $script:C1.Id
        (Get-Container 'LIFE*').Id | Should -Be $script:C1.Id
        (Get-Container -Id $script:C1.Id.Substring(0, 6)).Name | Should -Be 'life1'
        (Get-Container -State Created).Name | Should -Contain 'life1'
        Get-Container -State Running | Where-Object Name -eq 'life1' | Should -BeNullOrEmpty
        ('life1' | Get-Container).Id | Should -Be $script:C1.Id
        ([pscustomobject]@{ Name = 'life1' } | Get-Container).Id | Should -Be $script:C1.Id
        ([pscustomobject]@{ Id = $script:C1.Id } | Get-Container).Name | Should -Be 'life1'
    }

    It 'Suspend-Container on a created container is ContainerNotRunning' {
        if (Skip-WithoutRuntime) { return }
        { Suspend-Container life1 -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerNotRunning,*'
        { Set-Container life1 -PidsLimit 5 -WhatIf -ErrorAction Stop } | Should -Not -Throw
    }

    It 'Start-Container -WhatIf changes nothing' {
        if (Skip-WithoutRuntime) { return }
        Start-Container life1 -WhatIf
        (Get-Container life1).State | Should -Be 'Created'
    }

    It 'Start-Container starts it (pipeline by value, -PassThru)' {
        if (Skip-WithoutRuntime) { return }
        $c = $script:C1 | Start-Container -PassThru
        $c.State | Should -Be 'Running'
        $c.Pid | Should -BeGreaterThan 0
    }

    It 'Suspend-Container and Resume-Container (by -Id; -WhatIf changes nothing)' {
        if (Skip-WithoutRuntime) { return }
        Suspend-Container -Id $script:C1.Id -WhatIf
        (Get-Container life1).State | Should -Be 'Running'
        (Suspend-Container -Id $script:C1.Id -PassThru).State | Should -Be 'Paused'
        Resume-Container -Id $script:C1.Id -WhatIf
        (Get-Container life1).State | Should -Be 'Paused'
        (Get-ContainerProcess life1).StateCode | Sort-Object -Unique | Should -Be 'D'
        { Invoke-ContainerProcess -Name life1 /bin/true -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerPaused,*'
        { Start-Container life1 -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerPaused,*'
        (Resume-Container -Id $script:C1.Id -PassThru).State | Should -Be 'Running'
    }

    It 'Remove-Container of a running container without -Force is ContainerRunning' {
        if (Skip-WithoutRuntime) { return }
        { Remove-Container life1 -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerRunning,*'
        Remove-Container life1 -Force -WhatIf
        (Get-Container life1).State | Should -Be 'Running'
    }

    It 'Stop-Container -WhatIf changes nothing; Stop-Container stops it within the timeout' {
        if (Skip-WithoutRuntime) { return }
        Stop-Container life1 -WhatIf
        (Get-Container life1).State | Should -Be 'Running'
        $t = Measure-Command { $script:Stopped = Get-Container life1 | Stop-Container -Timeout 5 -PassThru }
        $script:Stopped.State | Should -Be 'Stopped'
        $t.TotalSeconds | Should -BeLessThan 5
    }

    It 'Export-ContainerConfig writes the config a container runs with' {
        if (Skip-WithoutRuntime) { return }
        $f = Join-Path $script:BundleRoot 'life1-export.json'
        Get-Container life1 | Export-ContainerConfig -Path $f
        (Import-ContainerConfig $f).Annotations['org.libcontainer.name'] | Should -Be 'life1'
        Remove-Item $f
    }

    It 'Wait-Container returns a stopped container at once' {
        if (Skip-WithoutRuntime) { return }
        (Wait-Container life1 -Timeout 5).State | Should -Be 'Stopped'
    }

    It 'Remove-Container removes the container and the bundle the module wrote' {
        if (Skip-WithoutRuntime) { return }
        $bundle = (Get-Container life1).Bundle
        Test-Path $bundle | Should -BeTrue
        Remove-Container life1
        Get-Container | Where-Object Name -eq life1 | Should -BeNullOrEmpty
        Test-Path $bundle | Should -BeFalse
        { Get-Container life1 -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerNotFound,*'
    }

    It 'New-Container takes a config object from the pipeline (Config set) and a config path' {
        if (Skip-WithoutRuntime) { return }
        $c = New-ContainerConfig -Hostname fromcfg -PidsLimit 30 | New-Container -Rootfs $script:Rootfs -Name cfg1
        $c.Hostname | Should -Be 'fromcfg'
        $c.PidsLimit | Should -Be 30
        $f = Join-Path $script:BundleRoot 'cfg2.json'
        New-ContainerConfig -Rootfs $script:Rootfs -Hostname frompath -Command /bin/true | Export-ContainerConfig -Path $f
        (New-Container -Config $f -Name cfg2).Hostname | Should -Be 'frompath'
        Remove-Item $f
        Remove-Container cfg1, cfg2
    }

    It 'New-Container binds Rootfs and Name by property name (rows of Import-Csv)' {
        if (Skip-WithoutRuntime) { return }
        $rows = @([pscustomobject]@{ Rootfs = $script:Rootfs; Name = 'row1' }, [pscustomobject]@{ Rootfs = $script:Rootfs; Name = 'row2' })
        ($rows | New-Container).Name | Should -Be @('row1', 'row2')
        Get-Container row* | Remove-Container
        Get-Container row* | Should -BeNullOrEmpty
    }

    It 'Stop-Container -Signal KILL kills at once; Wait-Container waits for the end' {
        if (Skip-WithoutRuntime) { return }
        $c = New-TestContainer 'life2' | Start-Container -PassThru
        $job = Start-ThreadJob { param($m, $r, $b) $env:LIBCONTAINER_ROOT = $r; $env:LIBCONTAINER_BUNDLE_ROOT = $b; Import-Module $m; Wait-Container life2 -Timeout 20 } -ArgumentList $script:ModulePath, $script:StateRoot, $script:BundleRoot
        Start-Sleep -Milliseconds 300
        Stop-Container -InputObject $c -Signal KILL -Timeout 0
        ($job | Wait-Job -Timeout 20 | Receive-Job).State | Should -Be 'Stopped'
        $job | Remove-Job -Force
        Remove-Container life2
    }
}

Describe 'Invoke-ContainerProcess' {
    BeforeAll { if (-not $script:Skip) { $script:Rootfs | Out-Null } }
    AfterAll { Remove-TestContainers }

    It 'the design card: New-Container -Rootfs $rootfs | Invoke-ContainerProcess /bin/sh -c ''echo hi'' prints hi' {
        if (Skip-WithoutExec) { return }
        $rootfs = $script:Rootfs
        $out = New-Container -Rootfs $rootfs | Invoke-ContainerProcess /bin/sh -c 'echo hi'
        $out | Should -Be 'hi'
        $LASTEXITCODE | Should -Be 0
    }

    It 'joins a running container, streams stdout as strings and stderr to the error stream, sets $LASTEXITCODE' {
        if (Skip-WithoutExec) { return }
        New-TestContainer 'inv1' | Start-Container
        $out = Invoke-ContainerProcess -Name inv1 /bin/sh -c 'echo one; echo two; echo oops >&2; exit 3' -ErrorVariable ev -ErrorAction SilentlyContinue
        $out | Should -Be @('one', 'two')
        $out[0] | Should -BeOfType string
        $LASTEXITCODE | Should -Be 3
        $ev.Count | Should -Be 1
        $ev[0].ToString() | Should -Be 'oops'
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ContainerProcessOutput*'
    }

    It 'a program that does not exist is ProcessStartFailed (ObjectNotFound), not container output' {
        if (Skip-WithoutExec) { return }
        Invoke-ContainerProcess -Name inv1 /nonexistent/program -ErrorVariable ev -ErrorAction SilentlyContinue
        $LASTEXITCODE | Should -Not -Be 0
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ProcessStartFailed,*'
        $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $ev[0].Exception.Message | Should -Match '/nonexistent/program'
        $ev[0].TargetObject.Name | Should -Be 'inv1'
    }

    It '-Environment, -WorkingDirectory and -User apply to the process' {
        if (Skip-WithoutExec) { return }
        Invoke-ContainerProcess -Name inv1 -Environment @{ GREETING = 'hello' } /bin/sh -c 'echo $GREETING' | Should -Be 'hello'
        Invoke-ContainerProcess -Name inv1 -WorkingDirectory /tmp /bin/pwd | Should -Be '/tmp'
        Invoke-ContainerProcess -Name inv1 -User 1000:1000 -- id -u | Should -Be '1000'
    }

    It 'runs in the container: its own hostname, pid namespace and rootfs' {
        if (Skip-WithoutExec) { return }
        Invoke-ContainerProcess -Id (Get-Container inv1).Id /bin/cat /proc/1/cmdline | Should -Match 'sh'
        Invoke-ContainerProcess -Name inv1 /bin/ls /bin/busybox | Should -Be '/bin/busybox'
    }

    It '-PassThru returns a result object after the output' {
        if (Skip-WithoutExec) { return }
        $r = Invoke-ContainerProcess -Name inv1 -PassThru /bin/sh -c 'echo x; exit 2'
        $r[0] | Should -Be 'x'
        $r[1] | Should -BeOfType LibContainer.ContainerProcessResult
        $r[1].ExitCode | Should -Be 2
        $r[1].Success | Should -BeFalse
        ($r[1] | Format-Table | Out-String) | Should -Match 'ExitCode'
    }

    It 'Select-Object -First 1 stops an endless process at once' {
        if (Skip-WithoutExec) { return }
        $t = Measure-Command { $first = Invoke-ContainerProcess -Name inv1 /bin/sh -c 'while :; do echo endless-y; done' | Select-Object -First 1 }
        $first | Should -Be 'endless-y'
        $t.TotalSeconds | Should -BeLessThan 5
        Wait-Until { -not (Get-ContainerProcess inv1 | Where-Object CommandLine -match 'endless-y') } | Should -BeTrue
    }

    It 'stopping the pipeline (Ctrl+C) ends Invoke-ContainerProcess and Wait-Container at once' {
        if (Skip-WithoutExec) { return }
        foreach ($script in @(
                { Invoke-ContainerProcess -Name inv1 /bin/sh -c 'while :; do sleep 1; echo ctrl-c-loop; done' },
                { Wait-Container inv1 })) {
            $ps = [powershell]::Create()
            [void]$ps.AddScript("`$env:LIBCONTAINER_ROOT = '$script:StateRoot'; Import-Module '$script:ModulePath'").AddStatement().AddScript($script)
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 1500
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            $t = Measure-Command { $ps.Stop() }
            $t.TotalSeconds | Should -BeLessThan 3
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Dispose()
        }
        Wait-Until { -not (Get-ContainerProcess inv1 | Where-Object CommandLine -match 'ctrl-c-loop') } | Should -BeTrue
    }

    It 'Start-ContainerProcess starts a detached process that Get-ContainerProcess lists' {
        if (Skip-WithoutExec) { return }
        $p = Start-ContainerProcess -Name inv1 /bin/sleep 300
        $p | Should -BeOfType LibContainer.ContainerProcess
        $p.Pid | Should -BeGreaterThan 0
        $procs = Get-ContainerProcess inv1
        $procs.Pid | Should -Contain $p.Pid
        ($procs | Where-Object Pid -eq $p.Pid).CommandLine | Should -Be '/bin/sleep 300'
        ($procs | Where-Object ContainerPid -eq 1) | Should -Not -BeNullOrEmpty
        ($procs | Format-Table | Out-String) | Should -Match '/bin/sleep 300'
        (Get-Container inv1 | Get-ContainerProcess).Count | Should -Be $procs.Count
    }

    It 'a stopped container is ContainerNotRunning' {
        if (Skip-WithoutExec) { return }
        Stop-Container inv1 -Timeout 2
        { Invoke-ContainerProcess -Name inv1 /bin/true -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerNotRunning,*'
        { Get-ContainerProcess inv1 -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerNotRunning,*'
    }
}

Describe 'Formatting and completion' {
    BeforeAll { if (-not $script:Skip) { New-TestContainer 'fmt-alpha' | Start-Container; New-TestContainer 'fmt-beta' | Out-Null } }
    AfterAll { Remove-TestContainers }

    It 'Get-Container | Format-Table shows the named table view' {
        if (Skip-WithoutRuntime) { return }
        $text = Get-Container | Format-Table | Out-String -Width 200
        $text | Should -Match 'Name\s+Id\s+State\s+Pid\s+Memory\s+Created\s+Command'
        $text | Should -Match 'fmt-alpha\s+[0-9a-f]{12}\s+Running'
        $text | Should -Match 'fmt-beta\s+[0-9a-f]{12}\s+Created'
    }

    It 'Format-List shows the list view' {
        if (Skip-WithoutRuntime) { return }
        (Get-Container fmt-alpha | Format-List | Out-String) | Should -Match 'Bundle\s*:'
    }

    It 'completes container names and ids' {
        if (Skip-WithoutRuntime) { return }
        $r = TabExpansion2 -inputScript 'Stop-Container -Name fmt-' -cursorColumn 'Stop-Container -Name fmt-'.Length
        $r.CompletionMatches.CompletionText | Should -Be @('fmt-alpha', 'fmt-beta')
        $r = TabExpansion2 -inputScript 'Get-Container fmt-a' -cursorColumn 'Get-Container fmt-a'.Length
        $r.CompletionMatches.CompletionText | Should -Be @('fmt-alpha')
        $id = (Get-Container fmt-beta).Id
        $line = "Remove-Container -Id $($id.Substring(0, 8))"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @($id)
    }
}

Describe 'Stats, limits and OOM' {
    AfterAll { Remove-TestContainers }

    It 'Get-ContainerStats | Format-Table shows a row per running container' {
        if (Skip-WithoutRuntime) { return }
        New-TestContainer 'st1' @{ MemoryLimit = 64MB; PidsLimit = 50 } | Start-Container
        New-TestContainer 'st2' | Start-Container
        New-TestContainer 'st3' | Out-Null # created, not running: no row
        $stats = Get-ContainerStats -SampleInterval 0.2
        ($stats.Name | Sort-Object) | Should -Be @('st1', 'st2')
        $stats | ForEach-Object { $_ | Should -BeOfType LibContainer.ContainerStatsSample }
        $s1 = $stats | Where-Object Name -eq st1
        $s1.MemoryLimitBytes | Should -Be 64MB
        $s1.MemoryUsageBytes | Should -BeGreaterThan 0
        $s1.Pids | Should -BeGreaterOrEqual 1
        $s1.PidsLimit | Should -Be 50
        $s1.CpuPercent | Should -Not -BeNullOrEmpty
        $text = $stats | Format-Table | Out-String -Width 200
        $text | Should -Match 'CPU %\s+Mem Used / Limit\s+Mem %\s+Pids\s+Net Rx / Tx\s+Block Read / Write'
        ($text -split "`n" | Where-Object { $_ -match '^st[12]\s' }).Count | Should -Be 2
        $text | Should -Match 'st1\s+\S+\s+\S+ / 64MiB'
        $text | Should -Match 'st2\s+\S+\s+\S+ / -' # unlimited
        (Get-Container st2 | Format-Table | Out-String) | Should -Match 'st2\s+[0-9a-f]{12}\s+Running\s+\d+\s+-\s'
    }

    It '-MaxSamples streams one sample per interval; CPU % is measured between samples' {
        if (Skip-WithoutRuntime) { return }
        New-TestContainer 'busy1' @{ Command = '/bin/sh', '-c', 'while :; do :; done' } | Start-Container
        $samples = Get-ContainerStats busy1 -SampleInterval 0.3 -MaxSamples 3
        $samples.Count | Should -Be 3
        ($samples | Measure-Object CpuPercent -Minimum).Minimum | Should -BeGreaterThan 10
        $samples[0].Cgroup.Cpu.TotalUsage | Should -Be $samples[0].CpuUsageNanoseconds
    }

    It 'Get-ContainerStats takes -Id and containers from the pipeline' {
        if (Skip-WithoutRuntime) { return }
        (Get-ContainerStats -Id (Get-Container st1).Id -SampleInterval 0.1).Name | Should -Be 'st1'
        (Get-Container st1, st2 | Get-ContainerStats -SampleInterval 0.1).Name | Should -Be @('st1', 'st2')
        { Get-ContainerStats st3 -SampleInterval 0.1 -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerNotRunning,*'
    }

    It '-Continuous streams until the pipeline stops it' {
        if (Skip-WithoutRuntime) { return }
        $t = Measure-Command { $s = Get-ContainerStats st1 -Continuous -SampleInterval 0.1 | Select-Object -First 2 }
        $s.Count | Should -Be 2
        $t.TotalSeconds | Should -BeLessThan 5
    }

    It 'Set-Container changes the limits of a running container (-WhatIf changes nothing)' {
        if (Skip-WithoutRuntime) { return }
        Set-Container st1 -MemoryLimit 96MB -WhatIf
        (Get-ContainerStats st1 -SampleInterval 0.1).MemoryLimitBytes | Should -Be 64MB
        Get-Container st1 | Set-Container -MemoryLimit 96MB -PidsLimit 40
        $s = Get-ContainerStats st1 -SampleInterval 0.1
        $s.MemoryLimitBytes | Should -Be 96MB
        $s.PidsLimit | Should -Be 40
    }

    It 'Register-ContainerOomEvent raises one event when a memory hog is OOM-killed' {
        if (Skip-WithoutRuntime) { return }
        # the hog is a child of the container's init: a shell string that doubles until 16 MiB is not enough
        $hog = '/bin/sh', '-c', 'sh -c ''a=x; while :; do a="$a$a"; done''; sleep 30'
        $c = New-TestContainer 'oom1' @{ MemoryLimit = 16MB; Command = $hog }
        $job = Register-ContainerOomEvent -InputObject $c -SourceIdentifier 'pester.oom' -MessageData 'hog'
        try {
            $c | Start-Container
            $e = Wait-Event -SourceIdentifier 'pester.oom' -Timeout 10
            $e | Should -Not -BeNullOrEmpty
            $e.SourceEventArgs.ContainerName | Should -Be 'oom1'
            $e.SourceEventArgs.OomKills | Should -BeGreaterOrEqual 1
            $e.MessageData | Should -Be 'hog'
            (Get-ContainerStats oom1 -SampleInterval 0.1).OomKills | Should -BeGreaterOrEqual 1
        } finally {
            Unregister-Event -SourceIdentifier 'pester.oom' -ErrorAction SilentlyContinue
            Get-Event -SourceIdentifier 'pester.oom' -ErrorAction SilentlyContinue | Remove-Event
        }
    }

    It 'Register-ContainerOomEvent -Action runs the action for the kill (by -Name)' {
        if (Skip-WithoutRuntime) { return }
        $hog = '/bin/sh', '-c', 'sh -c ''a=x; while :; do a="$a$a"; done''; sleep 30'
        New-TestContainer 'oom2' @{ MemoryLimit = 16MB; Command = $hog } | Out-Null
        $global:PesterOomSeen = $null
        $job = Register-ContainerOomEvent -Name oom2 -SourceIdentifier 'pester.oom2' -Action { $global:PesterOomSeen = $Event.SourceEventArgs.ContainerName }
        try {
            $job | Should -BeOfType System.Management.Automation.PSEventJob
            Start-Container oom2
            $deadline = (Get-Date).AddSeconds(10)
            while (-not $global:PesterOomSeen -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $global:PesterOomSeen | Should -Be 'oom2'
        } finally {
            Unregister-Event -SourceIdentifier 'pester.oom2' -ErrorAction SilentlyContinue
            $job | Remove-Job -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Provisioning script: five containers with limits' {
    It 'creates five limited containers, checks them, and removes them leaving nothing' {
        if (Skip-WithoutRuntime) { return }
        $names = 1..5 | ForEach-Object { "web$_" }
        $created = $names | ForEach-Object {
            New-Container -Rootfs $script:Rootfs -Name $_ -Hostname $_ -MemoryLimit 32MB -PidsLimit 16 -CpuShares 256 -ErrorAction Stop
        } | Start-Container -PassThru
        $created.Count | Should -Be 5
        $created.State | Sort-Object -Unique | Should -Be 'Running'
        (Get-Container 'web*').Hostname | Sort-Object | Should -Be $names
        if (-not $script:SkipExec) {
            foreach ($n in $names) { Invoke-ContainerProcess -Name $n /bin/hostname | Should -Be $n }
        }
        $stats = Get-ContainerStats 'web*' -SampleInterval 0.1
        $stats.Count | Should -Be 5
        $stats.MemoryLimitBytes | Sort-Object -Unique | Should -Be 32MB
        $stats.PidsLimit | Sort-Object -Unique | Should -Be 16
        $cgroups = $created | ForEach-Object { $_.CgroupPaths.Values } | Sort-Object -Unique
        $bundles = $created.Bundle

        Get-Container 'web*' | Stop-Container -Timeout 5 -PassThru | Remove-Container

        Get-Container 'web*' | Should -BeNullOrEmpty
        $bundles | ForEach-Object { Test-Path $_ | Should -BeFalse }
        $cgroups | Where-Object { $_ } | ForEach-Object { Test-Path $_ | Should -BeFalse -Because "cgroup $_ must be removed" }
        # init is gone (at most a zombie until the host's pid 1 reaps it)
        $created.Pid | ForEach-Object { if (Test-Path "/proc/$_/stat") { (Get-Content "/proc/$_/stat") -replace '^.*\) (\S).*$', '$1' | Should -Be 'Z' } }
    }
}

Describe 'Thread safety' {
    AfterAll { Remove-TestContainers }

    It 'ForEach-Object -Parallel creates distinct containers, and one name only once' {
        if (Skip-WithoutRuntime) { return }
        $m = $script:ModulePath; $r = $script:Rootfs; $sr = $script:StateRoot; $br = $script:BundleRoot
        $results = 1..6 | ForEach-Object -ThrottleLimit 6 -Parallel {
            $env:LIBCONTAINER_ROOT = $using:sr; $env:LIBCONTAINER_BUNDLE_ROOT = $using:br
            Import-Module $using:m
            $name = if ($_ -le 3) { 'par-same' } else { "par-$_" }
            try { (New-Container -Rootfs $using:r -Name $name -ErrorAction Stop).Name } catch { $_.FullyQualifiedErrorId }
        }
        ($results | Where-Object { $_ -eq 'par-same' }).Count | Should -Be 1
        ($results | Where-Object { $_ -like 'ContainerNameInUse,*' }).Count | Should -Be 2
        (Get-Container 'par-*').Count | Should -Be 4
    }
}

Describe 'Nothing left behind' {
    It 'the private state and bundle roots are empty' {
        Remove-TestContainers
        Get-ChildItem $script:StateRoot -Exclude '.*' | Should -BeNullOrEmpty
        Get-ChildItem $script:BundleRoot | Should -BeNullOrEmpty
    }
}
