BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Tmp = Join-Path ([IO.Path]::GetTempPath()) "lc-config-$PID"
    New-Item -ItemType Directory -Force $script:Tmp | Out-Null
}

AfterAll { Remove-Item -Recurse -Force $script:Tmp -ErrorAction SilentlyContinue }

Describe 'New-ContainerConfig' {
    It 'returns a Spec from the safe defaults' {
        $c = New-ContainerConfig
        $c | Should -BeOfType LibContainer.Config.Spec
        $c.Root.Path | Should -Be 'rootfs'
        $c.Process.NoNewPrivileges | Should -BeTrue
        $c.Linux.Namespaces.Type | Should -Contain 'pid'
    }

    It 'applies the common settings' {
        $c = New-ContainerConfig ./myroot -Hostname web1 -MemoryLimit 64MB -CpuQuota 50000 -CpuShares 512 -PidsLimit 20 `
            -ReadOnlyRootfs -User 1000:1000 -Environment @{ MODE = 'test' } -Namespace pid, uts, ipc -Capability NET_BIND_SERVICE, CAP_KILL `
            -Mount "$($script:Tmp):/data:ro" -Command /bin/echo, hello -WorkingDirectory /tmp -Network None
        $c.Root.Path | Should -Be './myroot'
        $c.Root.Readonly | Should -BeTrue
        $c.Hostname | Should -Be 'web1'
        $c.Linux.Resources.Memory.Limit | Should -Be 64MB
        $c.Linux.Resources.Cpu.Quota | Should -Be 50000
        $c.Linux.Resources.Cpu.Period | Should -Be 100000
        $c.Linux.Resources.Cpu.Shares | Should -Be 512
        $c.Linux.Resources.Pids.Limit | Should -Be 20
        $c.Process.User.Uid | Should -Be 1000
        $c.Process.User.Gid | Should -Be 1000
        $c.Process.Env | Should -Contain 'MODE=test'
        ($c.Linux.Namespaces.Type | Sort-Object) | Should -Be @('ipc', 'mount', 'network', 'pid', 'uts')
        $c.Process.Capabilities.Bounding | Should -Be @('CAP_NET_BIND_SERVICE', 'CAP_KILL')
        $m = $c.Mounts | Where-Object Destination -eq '/data'
        $m.Source | Should -Be $script:Tmp
        $m.Options | Should -Contain ($([LibContainer.Rootfs.MountOptions]::RecursiveAttributesSupported) ? 'rro' : 'ro')
        $c.Process.Args | Should -Be @('/bin/echo', 'hello')
        $c.Process.Cwd | Should -Be '/tmp'
    }

    It '-Network Host leaves the network namespace out' {
        (New-ContainerConfig -Network Host).Linux.Namespaces.Type | Should -Not -Contain 'network'
    }

    It '-Rootless adds a user namespace with mappings' {
        $c = New-ContainerConfig -Rootless
        $c.Linux.Namespaces.Type | Should -Contain 'user'
        $c.Linux.UidMappings | Should -Not -BeNullOrEmpty
    }

    It 'rejects a malformed -Mount with a clear error' {
        { New-ContainerConfig -Mount 'nodestination' -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigInvalid,*'
    }

    It 'renders the ContainerConfig list view' {
        $text = New-ContainerConfig -Hostname shown | Format-List | Out-String
        $text | Should -Match 'Hostname\s*:\s*shown'
        $text | Should -Match 'Namespaces\s*:'
    }
}

Describe 'Export-ContainerConfig and Import-ContainerConfig' {
    It '-WhatIf writes nothing' {
        $f = Join-Path $script:Tmp 'whatif.json'
        New-ContainerConfig | Export-ContainerConfig -Path $f -WhatIf
        Test-Path $f | Should -BeFalse
    }

    It 'round-trips a config through config.json' {
        $f = Join-Path $script:Tmp 'config.json'
        New-ContainerConfig -Hostname roundtrip -MemoryLimit 32MB | Export-ContainerConfig -Path $f
        (Get-Content -Raw $f | ConvertFrom-Json).hostname | Should -Be 'roundtrip'
        $c = Import-ContainerConfig -Path $f
        $c.Hostname | Should -Be 'roundtrip'
        $c.Linux.Resources.Memory.Limit | Should -Be 32MB
    }

    It 'writes config.json into a directory and -PassThru returns the file' {
        $d = Join-Path $script:Tmp 'bundle'; New-Item -ItemType Directory -Force $d | Out-Null
        $file = New-ContainerConfig | Export-ContainerConfig -Path $d -PassThru
        $file.Name | Should -Be 'config.json'
        (Import-ContainerConfig -Path $d).OciVersion | Should -Not -BeNullOrEmpty
    }

    It '-NoClobber refuses an existing file' {
        $f = Join-Path $script:Tmp 'noclobber.json'
        New-ContainerConfig | Export-ContainerConfig -Path $f
        { New-ContainerConfig | Export-ContainerConfig -Path $f -NoClobber -ErrorAction Stop } | Should -Throw
    }

    It 'takes paths from the pipeline by value and by property name' {
        $f = Join-Path $script:Tmp 'pipe.json'
        New-ContainerConfig -Hostname piped | Export-ContainerConfig -Path $f
        ($f | Import-ContainerConfig).Hostname | Should -Be 'piped'
        (Get-Item $f | Import-ContainerConfig).Hostname | Should -Be 'piped'
        (Import-ContainerConfig -LiteralPath $f).Hostname | Should -Be 'piped'
    }

    It 'reports a missing file as ConfigNotFound' {
        { Import-ContainerConfig -Path (Join-Path $script:Tmp 'nope.json') -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigNotFound,*'
    }

    It 'reports malformed JSON as ConfigInvalid' {
        $f = Join-Path $script:Tmp 'bad.json'; Set-Content $f '{ "ociVersion": '
        { Import-ContainerConfig -Path $f -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigInvalid,*'
    }

    It 'loads every sample config (OCI config.json and the seed container.json format)' {
        $samples = @(Get-ChildItem (Join-Path $script:Repo 'sample_configs') -Recurse -Filter '*.json')
        $samples.Count | Should -BeGreaterThan 0 -Because 'sample_configs/ holds OCI and seed samples'
        foreach ($s in $samples) { Import-ContainerConfig -Path $s.FullName | Should -BeOfType LibContainer.Config.Spec }
        $seed = Import-ContainerConfig (Join-Path $script:Repo 'sample_configs/seed/minimal.json')
        $seed.Linux.Namespaces | Should -Not -BeNullOrEmpty
    }
}

Describe 'Test-ContainerConfig' {
    BeforeAll {
        $script:Bad = Join-Path $script:Tmp 'invalid.json'
        $spec = New-ContainerConfig
        $spec.Linux.Namespaces[0].Type = 'pidd'
        $spec | Export-ContainerConfig -Path $script:Bad
    }

    It 'writes nothing for a valid config and -Quiet returns $true' {
        $spec = New-ContainerConfig
        $spec | Test-ContainerConfig -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -BeNullOrEmpty
        $spec | Test-ContainerConfig -Quiet | Should -BeTrue
    }

    It 'emits an error record naming the JSON path for each problem' {
        Test-ContainerConfig -Path $script:Bad -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev.Count | Should -BeGreaterOrEqual 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ConfigInvalid*'
        $ev[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $ev[0].TargetObject.Path | Should -Be 'linux.namespaces[0].type'
        $ev[0].ToString() | Should -Match 'linux\.namespaces\[0\]\.type.*pidd'
        $ev[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It '-Quiet returns $false for an invalid config and writes no errors' {
        Test-ContainerConfig -Path $script:Bad -Quiet -ErrorVariable ev | Should -BeFalse
        $ev | Should -BeNullOrEmpty
    }

    It 'fails with -ErrorAction Stop as ConfigInvalid' {
        { Test-ContainerConfig -Path $script:Bad -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigInvalid,*'
    }

    It 'takes files by property name from Get-ChildItem' {
        (Get-Item $script:Bad | Test-ContainerConfig -Quiet) | Should -BeFalse
    }
}
