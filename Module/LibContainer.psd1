@{
    RootModule           = 'LibContainer.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f7d2e-8c1a-4f6e-9a3d-2c7e41b9d0a6'
    Author               = 'LibContainer authors'
    CompanyName          = 'LibContainer'
    Copyright            = '(c) LibContainer authors. MIT License (LICENSE beside this manifest).'
    Description          = 'Linux containers for PowerShell: create, run, inspect and remove containers with namespaces and cgroups. Containers are started by the nsinit runtime staged beside this module.'
    # The module's assemblies are built for .NET 10, which only PowerShell 7.6 runs on: PowerShell 7.4 LTS (.NET 8)
    # cannot load them, so the manifest says 7.6 rather than let 7.4 fail later with a loader error.
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('LibContainer.format.ps1xml')
    TypesToProcess       = @('LibContainer.types.ps1xml')
    CmdletsToExport      = @(
        'New-Container'
        'Get-Container'
        'Start-Container'
        'Stop-Container'
        'Restart-Container'
        'Suspend-Container'
        'Resume-Container'
        'Wait-Container'
        'Remove-Container'
        'Set-Container'
        'Invoke-ContainerProcess'
        'Start-ContainerProcess'
        'Enter-Container'
        'Get-ContainerProcess'
        'Copy-ContainerItem'
        'Get-ContainerStats'
        'Get-ContainerLog'
        'Register-ContainerOomEvent'
        'New-ContainerConfig'
        'Import-ContainerConfig'
        'Export-ContainerConfig'
        'Test-ContainerConfig'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Linux', 'Containers', 'Namespaces', 'cgroups', 'OCI', 'runc', 'nsinit')
            # The license's text is LICENSE in the module folder; this is the MIT license's canonical page. The
            # project has no public URL, so there is no ProjectUri.
            LicenseUri   = 'https://opensource.org/license/mit'
            ReleaseNotes = @'
0.1.0: New-Container (-AutoRemove, default hostname = name), Get-Container, Start-, Stop-, Suspend-, Resume-, Wait-,
Remove-, Set-Container (through the runtime's update: limits merged, default device rules kept), Invoke- and
Start-ContainerProcess (-Program passed as written; put -- before a program whose arguments start with a dash;
-WhatIf; Ctrl+C ends the process; stderr and exit codes as PowerShell 7.4+ native commands), Get-ContainerProcess,
Get-ContainerLog, Get-ContainerStats, Register-ContainerOomEvent and the config cmdlets. Restart-Container (the same
container created again under its id), Enter-Container (a tty shell), Copy-ContainerItem (-ToContainer/-FromContainer,
resolved inside the container), -AsJob on Invoke-ContainerProcess and Wait-Container, completion for -Signal,
-Capability and -Bridge, -Mount ro as rro.
Requires PowerShell 7.6, not 7.4 LTS: the assemblies are built for .NET 10 (Core is shared with the NativeAOT runtime),
and 7.4 runs on .NET 8, which cannot load them.
'@
        }
    }
}
