#!/usr/bin/env pwsh
<#
.SYNOPSIS
Generates the module's MAML help (LibContainer.PowerShell.dll-Help.xml) from docs/cmdlets/*.md (platyPS schema).
#>
[CmdletBinding()]
param(
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs/cmdlets'),
    [string] $OutFile = (Join-Path $PSScriptRoot '../out/LibContainer/en-US/LibContainer.PowerShell.dll-Help.xml')
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'CmdletDocs.psm1') -Force
$OutFile = [IO.Path]::GetFullPath($OutFile)
New-Item -ItemType Directory -Force -Path (Split-Path $OutFile) | Out-Null
$pages = @(Get-ChildItem -Path $DocsPath -Filter '*-*.md' | ForEach-Object FullName)
if (-not $pages) { throw "No cmdlet pages found in $DocsPath" }
ConvertTo-MamlHelp -MarkdownPath $pages -OutFile $OutFile
Write-Verbose "MAML help for $($pages.Count) cmdlets: $OutFile"
