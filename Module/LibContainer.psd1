@{
    RootModule           = 'LibContainer.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f7d2e-8c1a-4f6e-9a3d-2c7e41b9d0a6'
    Author               = 'LibContainer developers'
    CompanyName          = 'LibContainer'
    Copyright            = '(c) LibContainer developers. MIT License.'
    Description          = 'Linux containers for PowerShell: create, run, inspect and remove containers with namespaces and cgroups. Containers are started by the nsinit runtime staged beside this module.'
    # The module is built for .NET 10, which PowerShell 7.6 runs on.
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('LibContainer.format.ps1xml')
    TypesToProcess       = @('LibContainer.types.ps1xml')
    CmdletsToExport      = @(
        'New-Container'
        'Get-Container'
        'Start-Container'
        'Stop-Container'
        'Suspend-Container'
        'Resume-Container'
        'Wait-Container'
        'Remove-Container'
        'Set-Container'
        'Invoke-ContainerProcess'
        'Start-ContainerProcess'
        'Get-ContainerProcess'
        'Get-ContainerStats'
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
            Tags       = @('Linux', 'Containers', 'Namespaces', 'cgroups', 'OCI')
            ProjectUri = 'https://github.com/libcontainer/libcontainer'
        }
    }
}
