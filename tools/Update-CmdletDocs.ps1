#!/usr/bin/env pwsh
<#
.SYNOPSIS
Creates or refreshes docs/cmdlets/<Verb-Noun>.md from the staged module's real cmdlets (like platyPS's
Update-MarkdownHelp): SYNTAX and the parameter yaml blocks are regenerated, hand-written prose is kept, new
parameters get a "{{ Fill ... }}" placeholder that the docs test rejects.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/LibContainer/LibContainer.psd1'),
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs/cmdlets')
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'CmdletDocs.psm1') -Force
$module = Import-Module $ModulePath -Force -PassThru
New-Item -ItemType Directory -Force -Path $DocsPath | Out-Null
foreach ($cmd in Get-Command -Module $module.Name -CommandType Cmdlet) {
    $file = Join-Path $DocsPath "$($cmd.Name).md"
    $prose = if (Test-Path $file) { Read-CmdletMarkdown -Path $file } else { $null }
    $text = New-CmdletMarkdown -Command $cmd -Prose $prose
    if (-not (Test-Path $file) -or (Get-Content -Raw $file) -cne $text) {
        [IO.File]::WriteAllText($file, $text)
        Write-Host "updated $file"
    }
}
