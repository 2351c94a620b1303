BeforeDiscovery {
    $script:Cmdlets = @(
        'New-Container', 'Get-Container', 'Start-Container', 'Stop-Container', 'Suspend-Container', 'Resume-Container',
        'Wait-Container', 'Remove-Container', 'Set-Container', 'Invoke-ContainerProcess', 'Start-ContainerProcess',
        'Get-ContainerProcess', 'Get-ContainerStats', 'Get-ContainerLog', 'Register-ContainerOomEvent', 'New-ContainerConfig',
        'Import-ContainerConfig', 'Export-ContainerConfig', 'Test-ContainerConfig', 'Restart-Container', 'Enter-Container',
        'Copy-ContainerItem')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Expected = @(
        'New-Container', 'Get-Container', 'Start-Container', 'Stop-Container', 'Suspend-Container', 'Resume-Container',
        'Wait-Container', 'Remove-Container', 'Set-Container', 'Invoke-ContainerProcess', 'Start-ContainerProcess',
        'Get-ContainerProcess', 'Get-ContainerStats', 'Get-ContainerLog', 'Register-ContainerOomEvent', 'New-ContainerConfig',
        'Import-ContainerConfig', 'Export-ContainerConfig', 'Test-ContainerConfig', 'Restart-Container', 'Enter-Container',
        'Copy-ContainerItem')
}

Describe 'The staged module' {
    It 'has a valid manifest' {
        $m = Test-ModuleManifest -Path $script:ModulePath
        $m.Name | Should -Be 'LibContainer'
        $m.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'exports exactly the documented cmdlets' {
        $names = (Get-Command -Module LibContainer).Name | Sort-Object
        $names | Should -Be ($script:Expected | Sort-Object)
    }

    It 'loads Tmds.LibC (published for linux-x64)' {
        $dll = Join-Path (Split-Path $script:ModulePath) 'Tmds.LibC.dll'
        Test-Path $dll | Should -BeTrue
        Add-Type -Path $dll
        [Tmds.Linux.LibC]::getpid() | Should -Be $PID
    }

    It '<Name> declares its output type' -ForEach @(
        'New-Container', 'Get-Container', 'Start-Container', 'Stop-Container', 'Suspend-Container', 'Resume-Container',
        'Wait-Container', 'Set-Container', 'Invoke-ContainerProcess', 'Start-ContainerProcess', 'Get-ContainerProcess',
        'Get-ContainerStats', 'Get-ContainerLog', 'Register-ContainerOomEvent', 'New-ContainerConfig', 'Import-ContainerConfig',
        'Export-ContainerConfig', 'Test-ContainerConfig' | ForEach-Object { @{ Name = $_ } }) {
        (Get-Command $Name).OutputType | Should -Not -BeNullOrEmpty
    }

    It '<Name> supports -WhatIf and -Confirm' -ForEach @(
        'New-Container', 'Start-Container', 'Stop-Container', 'Suspend-Container', 'Resume-Container', 'Remove-Container',
        'Set-Container', 'Export-ContainerConfig', 'Invoke-ContainerProcess', 'Start-ContainerProcess' | ForEach-Object { @{ Name = $_ } }) {
        (Get-Command $Name).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command $Name).Parameters.Keys | Should -Contain 'Confirm'
    }

    It '<Name> targets containers by -Name, -Id and -InputObject' -ForEach @(
        'Start-Container', 'Stop-Container', 'Suspend-Container', 'Resume-Container', 'Wait-Container', 'Remove-Container',
        'Set-Container', 'Invoke-ContainerProcess', 'Start-ContainerProcess', 'Get-ContainerProcess', 'Get-ContainerStats', 'Get-ContainerLog',
        'Register-ContainerOomEvent' | ForEach-Object { @{ Name = $_ } }) {
        $sets = (Get-Command $Name).ParameterSets.Name
        $sets | Should -Contain 'Name'
        $sets | Should -Contain 'Id'
        $sets | Should -Contain 'InputObject'
        $p = (Get-Command $Name).Parameters
        $p['InputObject'].ParameterSets['InputObject'].ValueFromPipeline | Should -BeTrue
        $p['Name'].ParameterSets['Name'].ValueFromPipelineByPropertyName | Should -BeTrue
        $p['Id'].ParameterSets['Id'].ValueFromPipelineByPropertyName | Should -BeTrue
        ($p['Name'].Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }) | Should -Not -BeNullOrEmpty
    }

    It 'derives Register-ContainerOomEvent from ObjectEventRegistrationBase' {
        (Get-Command Register-ContainerOomEvent).ImplementingType.BaseType.FullName |
            Should -Be 'Microsoft.PowerShell.Commands.ObjectEventRegistrationBase'
        (Get-Command Register-ContainerOomEvent).Parameters.Keys | Should -Contain 'SourceIdentifier'
        (Get-Command Register-ContainerOomEvent).Parameters.Keys | Should -Contain 'Action'
        (Get-Command Register-ContainerOomEvent).Parameters.Keys | Should -Contain 'MessageData'
    }

    It 'has named views for <Type>' -ForEach @(
        @{ Type = 'LibContainer.Container'; Views = 'Table', 'List' }
        @{ Type = 'LibContainer.ContainerStatsSample'; Views = 'Table', 'List' }
        @{ Type = 'LibContainer.ContainerProcess'; Views = 'Table' }
        @{ Type = 'LibContainer.Config.Spec'; Views = 'List' }) {
        $data = Get-FormatData -TypeName $Type -PowerShellVersion $PSVersionTable.PSVersion
        $data | Should -Not -BeNullOrEmpty
        $controls = $data.FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name }
        foreach ($v in $Views) { $controls | Should -Contain "${v}Control" }
    }
}

Describe 'Help' {
    It 'Get-Help <Name> shows the written synopsis and an example' -ForEach ($script:Cmdlets | ForEach-Object { @{ Name = $_ } }) {
        $h = Get-Help $Name -Full
        $h.Synopsis | Should -Not -Match '^\s*$'
        $h.Synopsis | Should -Not -Match '\{\{'
        @($h.Examples.Example).Count | Should -BeGreaterOrEqual 1
    }

    It 'Get-Help New-Container -Examples shows the examples from docs/cmdlets' {
        $text = Get-Help New-Container -Examples | Out-String -Width 200
        $text | Should -Match 'Example 1'
        $text | Should -Match 'Invoke-ContainerProcess /bin/sh -c'
    }

    It 'Get-Help about_LibContainer shows the module topic' {
        (Get-Help about_LibContainer | Out-String) | Should -Match 'LIBCONTAINER_ROOT'
    }

    It 'Get-Help New-Container -Parameter Rootfs describes the parameter' {
        (Get-Help New-Container -Parameter Rootfs | Out-String) | Should -Match 'rootfs'
    }
}
