#!/usr/bin/env pwsh
<#
.SYNOPSIS
Stages the importable LibContainer module in out/LibContainer/: publishes the binary module for linux-x64 (so
Tmds.LibC's platform assembly is there), copies the manifest, format and types files, and generates the MAML help
from docs/cmdlets. The nsinit binary is published into the same folder by build.ps1 (before or after this script).
#>
[CmdletBinding()]
param(
    [string] $Configuration = 'Release',
    [Alias('Destination')]
    [string] $OutDir = (Join-Path $PSScriptRoot '../out/LibContainer')
)
$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$OutDir = [IO.Path]::GetFullPath($OutDir)
$publish = Join-Path $repo 'src/LibContainer.PowerShell/bin/stage'

if (Test-Path $publish) { Remove-Item -Recurse -Force $publish }
& dotnet publish (Join-Path $repo 'src/LibContainer.PowerShell') -c $Configuration -r linux-x64 --self-contained false -o $publish --nologo -v quiet
if ($LASTEXITCODE -ne 0) { throw "dotnet publish of the module failed ($LASTEXITCODE)" }

New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
# Only the module's own files are replaced; nsinit (from build.ps1) stays.
Get-ChildItem $OutDir -File -Filter '*.dll' | Remove-Item -Force
# No debug symbols (.pdb, nsinit.dbg): they are several MB and useless to users of the installed module.
Get-ChildItem $OutDir -File | Where-Object Extension -in '.pdb', '.dbg' | Remove-Item -Force
Get-ChildItem $publish -File | Where-Object Extension -in '.dll', '.json' | Copy-Item -Destination $OutDir -Force
Copy-Item (Join-Path $repo 'LICENSE') -Destination $OutDir -Force
foreach ($f in 'LibContainer.psd1', 'LibContainer.format.ps1xml', 'LibContainer.types.ps1xml') {
    Copy-Item (Join-Path $repo "Module/$f") -Destination $OutDir -Force
}
New-Item -ItemType Directory -Force -Path (Join-Path $OutDir 'en-US') | Out-Null
Copy-Item (Join-Path $repo 'Module/en-US/about_LibContainer.help.txt') -Destination (Join-Path $OutDir 'en-US') -Force
if (-not (Test-Path (Join-Path $OutDir 'Tmds.LibC.dll'))) { throw 'Tmds.LibC.dll missing from the staged module' }

& (Join-Path $PSScriptRoot 'New-MamlHelp.ps1') -DocsPath (Join-Path $repo 'docs/cmdlets') -OutFile (Join-Path $OutDir 'en-US/LibContainer.PowerShell.dll-Help.xml')
Write-Host "staged module: $OutDir"
