#!/usr/bin/env pwsh
<#
.SYNOPSIS
Installs the staged module (out/LibContainer, with nsinit beside it) for all users, in
/usr/local/share/powershell/Modules/LibContainer/<version>, where every pwsh on the machine (the `dotnet pwsh` local
tool included) finds it: `Get-Module -ListAvailable LibContainer` lists it and its cmdlets load on first use, without
Import-Module. Re-running replaces the same version.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $StagedPath = (Join-Path $PSScriptRoot '../out/LibContainer'),
    [string] $ModulesPath = '/usr/local/share/powershell/Modules'
)
$ErrorActionPreference = 'Stop'
$manifest = Import-PowerShellDataFile (Join-Path $StagedPath 'LibContainer.psd1')
$target = Join-Path $ModulesPath "LibContainer/$($manifest.ModuleVersion)"
if (-not $PSCmdlet.ShouldProcess($target, 'Install the LibContainer module')) { return }
if (Test-Path $target) { Remove-Item -Recurse -Force $target }
New-Item -ItemType Directory -Force $target | Out-Null
Copy-Item -Recurse -Path (Join-Path $StagedPath '*') -Destination $target
Write-Host "installed module: $target"
