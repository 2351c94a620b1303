# The module's error ids and categories come from the error's kind (one id per kind, no text matching), and
# Test-ContainerConfig -Host runs nsinit check: against real containers and this host.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-RuntimeSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
    function Skip-WithoutRuntime { if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return $true }; $false }

    # A huge page size this kernel lacks (x86-64 has 2MB and 1GB; whichever is missing here, else 64KB).
    $have = @(Get-ChildItem /sys/kernel/mm/hugepages -ErrorAction SilentlyContinue | ForEach-Object Name)
    $script:MissingPageSize = if ('hugepages-1048576kB' -notin $have) { '1GB' } elseif ('hugepages-2048kB' -notin $have) { '2MB' } else { '64KB' }

    function New-CheckConfig {
        New-ContainerConfig $script:Rootfs -Command /bin/true
    }
    function Add-MissingPageSize($Config) {
        if (-not $Config.Linux.Resources) { $Config.Linux.Resources = [LibContainer.Config.LinuxResources]::new() }
        $limit = [LibContainer.Config.LinuxHugepageLimit]@{ PageSize = $script:MissingPageSize; Limit = 1GB }
        $Config.Linux.Resources.HugepageLimits = [System.Collections.Generic.List[LibContainer.Config.LinuxHugepageLimit]]@($limit)
        $Config
    }
    function New-Hook([string[]] $Argv, [int] $Timeout = 0) {
        $h = [LibContainer.Config.Hook]@{ Path = $Argv[0]; Args = [System.Collections.Generic.List[string]]$Argv }
        if ($Timeout) { $h.Timeout = $Timeout }
        [System.Collections.Generic.List[LibContainer.Config.Hook]]@($h)
    }
}

AfterAll { Clear-TestRoots }

Describe 'Error kinds map 1:1 to error ids' {
    It 'every kind has its own error id' {
        $mapper = [LibContainer.PowerShell.ErrorIds].Assembly.GetType('LibContainer.PowerShell.ErrorMapper')
        $idFor = $mapper.GetMethod('IdFor')
        $kinds = [Enum]::GetValues($idFor.GetParameters()[0].ParameterType)
        $kinds.Count | Should -BeGreaterThan 13
        $ids = foreach ($k in $kinds) { $idFor.Invoke($null, [object[]]@($k.PSObject.BaseObject)) }
        ($ids | Sort-Object -Unique).Count | Should -Be $kinds.Count
    }

    It 'a config this host cannot run is HostUnsupported (NotEnabled) with its JSON path, and leaves nothing' {
        if (Skip-WithoutRuntime) { return }
        New-Container -Config (Add-MissingPageSize (New-CheckConfig)) -Name hostunsupported1 -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'HostUnsupported,*'
        $ev[0].CategoryInfo.Category | Should -Be 'NotEnabled'
        $ev[0].Exception.JsonPath | Should -Be 'linux.resources.hugepageLimits[0].pageSize'
        $ev[0].ErrorDetails.RecommendedAction | Should -Match 'Test-ContainerConfig -Host'
        Get-Container | Should -BeNullOrEmpty
    }

    It 'a failing hook is HookFailed (OperationStopped), naming the hook' {
        if (Skip-WithoutRuntime) { return }
        $c = New-CheckConfig
        $c.Hooks = [LibContainer.Config.Hooks]@{ CreateRuntime = (New-Hook '/bin/false') }
        New-Container -Config $c -Name hookfailed1 -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'HookFailed,*'
        $ev[0].CategoryInfo.Category | Should -Be 'OperationStopped'
        $ev[0].Exception.JsonPath | Should -Be 'hooks.createRuntime[0]'
        $ev[0].Exception.Path | Should -Be '/bin/false'
        Get-Container | Should -BeNullOrEmpty
    }

    It 'a hook past its timeout is Timeout (OperationTimeout)' {
        if (Skip-WithoutRuntime) { return }
        $c = New-CheckConfig
        $c.Hooks = [LibContainer.Config.Hooks]@{ CreateRuntime = (New-Hook '/bin/sleep', '30' -Timeout 1) }
        New-Container -Config $c -Name timeout1 -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'Timeout,*'
        $ev[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        Get-Container | Should -BeNullOrEmpty
    }
}

Describe 'Test-ContainerConfig -Host' {
    It 'says nothing about a config that runs here ($true with -Quiet)' {
        if (Skip-WithoutRuntime) { return }
        $c = New-CheckConfig
        Test-ContainerConfig -InputObject $c -Host | Should -BeNullOrEmpty
        Test-ContainerConfig -InputObject $c -Host -Quiet | Should -BeTrue
    }

    It 'emits a HostFinding per problem, with its JSON path, fix and a list view' {
        if (Skip-WithoutRuntime) { return }
        $c = Add-MissingPageSize (New-CheckConfig)
        $f = @(Test-ContainerConfig -InputObject $c -Host)
        $f.Count | Should -Be 1
        $f[0] | Should -BeOfType LibContainer.Config.HostFinding
        $f[0].Path | Should -Be 'linux.resources.hugepageLimits[0].pageSize'
        $f[0].Severity | Should -Be 'Error'
        $f[0].Problem | Should -Match "huge page size $($script:MissingPageSize)"
        $f[0].Fix | Should -Not -BeNullOrEmpty
        ($f | Out-String) | Should -Match '(?m)^Path\s+: linux\.resources\.hugepageLimits\[0\]\.pageSize'
        Test-ContainerConfig -InputObject $c -Host -Quiet | Should -BeFalse
    }

    It 'checks a bundle''s config.json in its bundle' {
        if (Skip-WithoutRuntime) { return }
        $bundle = Join-Path $script:TestRoot 'check-bundle'
        New-Item -ItemType Directory -Force $bundle | Out-Null
        Add-MissingPageSize (New-CheckConfig) | Export-ContainerConfig -Path (Join-Path $bundle 'config.json')
        (Test-ContainerConfig -Path (Join-Path $bundle 'config.json') -Host).Path | Should -Be 'linux.resources.hugepageLimits[0].pageSize'
    }
}
