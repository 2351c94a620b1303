# -Network Bridge: parameter checks in this process; the containers themselves in a network namespace the test creates.
# A child pwsh runs under `nsenter --net=/run/netns/<ns>` so that the module (Remove-Container's teardown runs in-process)
# and nsinit both act there: the bridge, the host veths and every 172.17.x address exist only in that namespace.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-ExecSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
    function Skip-WithoutRuntime { if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return $true }; $false }
    function Get-Veths([string] $Netns) {
        @(ip -n $Netns -o link show type veth | ForEach-Object { ($_ -split ':')[1].Trim().Split('@')[0] })
    }
}

AfterAll { Clear-TestRoots }

Describe '-Network Bridge parameters' {
    It 'New-ContainerConfig -Network Bridge writes loopback and a veth on lc0 with the default bridge address and gateway' {
        $c = New-ContainerConfig -Network Bridge
        $c.Linux.Namespaces.Type | Should -Contain 'network'
        $n = $c.Annotations['org.libcontainer.networks'] | ConvertFrom-Json
        $n[0].type | Should -Be 'loopback'
        $n[1].type | Should -Be 'veth'
        $n[1].bridge | Should -Be 'lc0'
        $n[1].bridgeAddress | Should -Be '10.89.0.1/16'
        $n[1].gateway | Should -Be '10.89.0.1'
        $n[1].name | Should -Be 'eth0'
    }

    It '-IPAddress alone implies Bridge; a plain address takes the bridge prefix; MAC, MTU and gateway are passed on' {
        $c = New-ContainerConfig -Bridge lct0 -BridgeAddress 172.17.42.1/16 -IP 172.17.0.9 -MacAddress 02:42:AC:11:00:09 -Mtu 1400 -Gateway 172.17.42.254
        $n = ($c.Annotations['org.libcontainer.networks'] | ConvertFrom-Json)[1]
        $n.address | Should -Be '172.17.0.9/16'
        $n.bridge | Should -Be 'lct0'
        $n.macAddress | Should -Be '02:42:ac:11:00:09'
        $n.mtu | Should -Be 1400
        $n.gateway | Should -Be '172.17.42.254'
    }

    It 'a bad <Parameter> is InvalidNetworkParameter (InvalidArgument) naming the parameter' -ForEach @(
        @{ Parameter = 'IPAddress'; Params = @{ IPAddress = '172.17.0.300/16' } }
        @{ Parameter = 'IPAddress'; Params = @{ IPAddress = '10.0.0.5/16' } }          # outside the default 10.89.0.0/16
        @{ Parameter = 'IPAddress'; Params = @{ IPAddress = '10.89.0.1' } }            # the bridge's own address
        @{ Parameter = 'IPAddress'; Params = @{ IPAddress = '10.89.255.255' } }        # broadcast
        @{ Parameter = 'IPAddress'; Params = @{ IPAddress = '172.17.0.2'; Bridge = 'lct1' } } # no prefix, subnet unknown
        @{ Parameter = 'Gateway'; Params = @{ Gateway = 'fd00::1' } }
        @{ Parameter = 'MacAddress'; Params = @{ MacAddress = '01:00:5e:00:00:01' } }
        @{ Parameter = 'Bridge'; Params = @{ Bridge = 'a-bridge-name-too-long' } }
        @{ Parameter = 'BridgeAddress'; Params = @{ BridgeAddress = '10.89.0.1' } }
        @{ Parameter = 'IPAddress'; Params = @{ IPAddress = '10.89.0.5'; Network = 'Host' } }
    ) {
        $a = $Params
        { New-ContainerConfig @a -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidNetworkParameter,*'
        New-ContainerConfig @a -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $ev[0].Exception.Message | Should -Match "-$Parameter"
        $ev[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'New-Container with a bad -IPAddress is InvalidNetworkParameter and creates nothing' {
        { New-Container -Rootfs $script:Rootfs -Name badip -Network Bridge -IPAddress 10.89.0.999 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidNetworkParameter,*'
        Get-Container | Should -BeNullOrEmpty
        Get-ChildItem $script:BundleRoot | Should -BeNullOrEmpty
    }

    It '-Mtu out of range is refused by parameter validation' {
        { New-ContainerConfig -Mtu 20 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'Two containers on a bridge in a test-owned network namespace' {
    BeforeAll {
        if ($script:Skip) { return }
        $script:Netns = 'lc-pester-' + $env:LIBCONTAINER_TEST_TAG + [guid]::NewGuid().ToString('N').Substring(0, 8)
        ip netns add $script:Netns
        if ($LASTEXITCODE -ne 0) { throw "ip netns add $script:Netns failed" }
        ip -n $script:Netns link set lo up
        $script:Out = Join-Path ([IO.Path]::GetTempPath()) "lc-pester-net-$PID.xml"
        $script:ChildScript = Join-Path ([IO.Path]::GetTempPath()) "lc-pester-net-$PID.ps1"
        # Runs inside the namespace: the scenario, each step's outcome into one hashtable (CliXml) for the assertions.
        Set-Content -Path $script:ChildScript -Value @'
param($ModulePath, $Rootfs, $Out)
$ErrorActionPreference = 'Stop'
$r = @{}
function Step([string] $Name, [scriptblock] $Body) { try { $r[$Name] = & $Body } catch { $r[$Name] = "ERROR: $($_.FullyQualifiedErrorId): $_" } }
function Veths { @(ip -o link show type veth | ForEach-Object { ($_ -split ':')[1].Trim().Split('@')[0] }) }
try {
    Import-Module $ModulePath
    $net = @{ Bridge = 'lcp0'; BridgeAddress = '172.17.42.1/16' }
    $a = New-Container -Rootfs $Rootfs -Name neta @net -IPAddress 172.17.0.2/16
    $b = New-Container -Rootfs $Rootfs -Name netb @net -MacAddress 02:42:ac:11:00:09 -Mtu 1400
    $r.AAddresses = @($a.IPAddresses); $r.BAddresses = @($b.IPAddresses)
    $r.AHost = @($a.HostInterfaces); $r.BHost = @($b.HostInterfaces)
    $r.VethsBefore = Veths
    $r.BridgeMaster = @(ip -o link show master lcp0 | ForEach-Object { ($_ -split ':')[1].Trim().Split('@')[0] })
    Step BPingsA { $null = $b | Invoke-ContainerProcess ping -c 1 '-W' 3 172.17.0.2; $LASTEXITCODE }
    Step APingsB { $null = $a | Invoke-ContainerProcess ping -c 1 '-W' 3 ($b.IPAddresses[0] -split '/')[0]; $LASTEXITCODE }
    Step APingsBridge { $null = $a | Invoke-ContainerProcess ping -c 1 '-W' 3 172.17.42.1; $LASTEXITCODE }
    Step HostPingsB { $null = ping -c 1 -W 3 ($b.IPAddresses[0] -split '/')[0]; $LASTEXITCODE }
    Step BEth0 { ($b | Invoke-ContainerProcess cat /sys/class/net/eth0/address /sys/class/net/eth0/mtu) -join ' ' }
    Step BRoute { ($b | Invoke-ContainerProcess ip route) -join "`n" }
    Step Duplicate {
        New-Container -Rootfs $Rootfs -Name netc @net -IPAddress 172.17.0.2/16 -ErrorVariable ev -ErrorAction SilentlyContinue | Out-Null
        "$($ev[0].FullyQualifiedErrorId) $($ev[0].CategoryInfo.Category)"
    }
    $r.Listed = @(Get-Container | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.IPAddresses -join ',')" })
    $r.NetworkView = (Get-Container | Format-Table -View Network | Out-String -Width 200)
    Remove-Container -Name neta -Force -Confirm:$false
    $r.VethsAfterA = Veths
    Remove-Container -Name netb -Force -Confirm:$false
    $r.VethsAfterB = Veths
    $r.BridgeLeft = [bool](ip -o link show lcp0 2>$null)
} catch {
    $r.Fatal = "$($_.FullyQualifiedErrorId): $_"
} finally {
    Get-Container -ErrorAction SilentlyContinue | Remove-Container -Force -Confirm:$false -ErrorAction SilentlyContinue
    $r | Export-Clixml -Path $Out
}
'@
        Push-Location $script:Repo # the dotnet tool manifest (pwsh) is found from here
        try {
            nsenter "--net=/run/netns/$script:Netns" -- dotnet pwsh -NoProfile -NonInteractive -File $script:ChildScript `
                -ModulePath $script:ModulePath -Rootfs $script:Rootfs -Out $script:Out | Write-Host
        } finally { Pop-Location }
        $script:R = if (Test-Path $script:Out) { Import-Clixml $script:Out } else { @{ Fatal = 'the child pwsh wrote no results' } }
    }
    AfterAll {
        if ($script:Netns) { ip netns del $script:Netns }
        Remove-Item $script:Out, $script:ChildScript -ErrorAction SilentlyContinue
    }

    It 'creates both containers with their addresses: the one given, and the first free one of the bridge subnet' {
        if (Skip-WithoutRuntime) { return }
        $script:R.Fatal | Should -BeNullOrEmpty
        $script:R.AAddresses | Should -Be @('172.17.0.2/16')
        $script:R.BAddresses | Should -Be @('172.17.0.1/16')
        $script:R.Listed | Should -Be @('neta=172.17.0.2/16', 'netb=172.17.0.1/16')
        $script:R.NetworkView | Should -Match 'neta\s+\w+\s+172\.17\.0\.2/16\s+veth[0-9a-f]{7}'
    }

    It 'attaches each host veth to the bridge' {
        if (Skip-WithoutRuntime) { return }
        @($script:R.AHost).Count | Should -Be 1
        @($script:R.BHost).Count | Should -Be 1
        $script:R.VethsBefore | Sort-Object | Should -Be (@($script:R.AHost) + @($script:R.BHost) | Sort-Object)
        $script:R.BridgeMaster | Sort-Object | Should -Be (@($script:R.AHost) + @($script:R.BHost) | Sort-Object)
    }

    It 'the containers ping each other and the bridge, and the namespace reaches them' {
        if (Skip-WithoutRuntime) { return }
        $script:R.BPingsA | Should -Be 0
        $script:R.APingsB | Should -Be 0
        $script:R.APingsBridge | Should -Be 0
        $script:R.HostPingsB | Should -Be 0
    }

    It 'eth0 has the MAC and MTU given, and the default route goes via the bridge' {
        if (Skip-WithoutRuntime) { return }
        $script:R.BEth0 | Should -Be '02:42:ac:11:00:09 1400'
        $script:R.BRoute | Should -Match 'default via 172\.17\.42\.1 dev eth0'
    }

    It 'an address another container has on the bridge is NetworkAddressInUse' {
        if (Skip-WithoutRuntime) { return }
        $script:R.Duplicate | Should -BeLike 'NetworkAddressInUse,* ResourceExists'
    }

    It 'Remove-Container removes the host veth of that container only; the bridge stays' {
        if (Skip-WithoutRuntime) { return }
        $script:R.VethsAfterA | Should -Be @($script:R.BHost)
        $script:R.VethsAfterB | Should -BeNullOrEmpty
        $script:R.BridgeLeft | Should -BeTrue
    }

    It 'nothing of it appears in this (the host''s) network namespace' {
        if (Skip-WithoutRuntime) { return }
        ip -o link show lcp0 2>$null | Should -BeNullOrEmpty
        foreach ($v in @($script:R.AHost) + @($script:R.BHost)) { ip -o link show $v 2>$null | Should -BeNullOrEmpty }
        Get-Container | Should -BeNullOrEmpty
    }
}
