# Cmdlet help in platyPS's markdown schema (docs/cmdlets/<Verb-Noun>.md), without platyPS:
#   Read-CmdletMarkdown   parses a page into an object
#   New-CmdletMarkdown    renders a page from a cmdlet's real metadata plus the prose of an existing page
#   ConvertTo-MamlHelp    writes the MAML help XML PowerShell's Get-Help reads
Set-StrictMode -Version 3

# -WhatIf and -Confirm are documented per cmdlet (as platyPS does); the others are in "CommonParameters".
$script:CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters

function Read-CmdletMarkdown {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Path)
    $lines = (Get-Content -LiteralPath $Path -Raw) -replace "`r" -split "`n"
    $doc = [ordered]@{
        Name = ''; Synopsis = ''; Description = ''; Examples = @(); Parameters = [ordered]@{}
        Inputs = @(); Outputs = @(); Notes = ''; RelatedLinks = @(); SyntaxSets = @()
    }
    $section = ''; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new()
    $inFence = $false; $inFrontMatter = $false
    $flush = {
        $text = ($buffer -join "`n").Trim()
        $buffer.Clear()
        switch ($section) {
            'SYNOPSIS' { $doc.Synopsis = $text }
            'DESCRIPTION' { $doc.Description = $text }
            'NOTES' { $doc.Notes = $text }
            'RELATED LINKS' {
                $doc.RelatedLinks = @([regex]::Matches($text, '\[([^\]]+)\]\(([^)]*)\)') | ForEach-Object {
                    [pscustomobject]@{ Text = $_.Groups[1].Value; Uri = $_.Groups[2].Value } })
            }
            'EXAMPLES' { if ($sub) { $doc.Examples += Split-Example $sub $text } }
            'PARAMETERS' { if ($sub -and $sub -ne 'CommonParameters') { $doc.Parameters[$sub.TrimStart('-')] = Split-Parameter $text } }
            'INPUTS' { if ($sub) { $doc.Inputs += [pscustomobject]@{ Type = $sub; Description = $text } } }
            'OUTPUTS' { if ($sub) { $doc.Outputs += [pscustomobject]@{ Type = $sub; Description = $text } } }
            'SYNTAX' { if ($sub) { $doc.SyntaxSets += [pscustomobject]@{ Name = $sub; Text = ($text -replace '^```\w*\n?' -replace '\n?```$').Trim() } } }
        }
    }
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($i -eq 0 -and $line -eq '---') { $inFrontMatter = $true; continue }
        if ($inFrontMatter) { if ($line -eq '---') { $inFrontMatter = $false }; continue }
        if ($line.StartsWith('```')) { $inFence = -not $inFence }
        if (-not $inFence) {
            if ($line -match '^# (\S+)\s*$') { & $flush; $doc.Name = $Matches[1]; $section = ''; continue }
            if ($line -match '^## (.+?)\s*$') { & $flush; $section = $Matches[1].ToUpperInvariant(); $sub = $null; continue }
            if ($line -match '^### (.+?)\s*$') { & $flush; $sub = $Matches[1]; continue }
        }
        $buffer.Add($line)
    }
    & $flush
    [pscustomobject]$doc
}

function Split-Example([string] $title, [string] $text) {
    $m = [regex]::Match($text, '```(?:powershell)?\n(?<code>.*?)\n```', 'Singleline')
    [pscustomobject]@{
        Title   = $title
        Code    = if ($m.Success) { $m.Groups['code'].Value } else { '' }
        Remarks = if ($m.Success) { $text.Substring($m.Index + $m.Length).Trim() } else { $text }
    }
}

function Split-Parameter([string] $text) {
    $blocks = [regex]::Matches($text, '```yaml\n(?<y>.*?)\n```', 'Singleline')
    $description = if ($blocks.Count) { $text.Substring(0, $blocks[0].Index).Trim() } else { $text }
    $sets = foreach ($b in $blocks) {
        $y = [ordered]@{}
        foreach ($l in $b.Groups['y'].Value -split "`n") { if ($l -match '^([^:]+):\s?(.*)$') { $y[$Matches[1].Trim()] = $Matches[2].Trim() } }
        [pscustomobject]$y
    }
    [pscustomobject]@{ Description = $description; Yaml = @($sets) }
}

# ---------- rendering from the real cmdlet ----------

function Get-ParameterTypeName([Type] $t) {
    if ($t -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    if ($t.IsGenericType -and $t.GetGenericTypeDefinition() -eq [Nullable`1]) { return $t.GetGenericArguments()[0].Name }
    $t.Name
}

function Get-CmdletParameterModel {
    # The cmdlet's own parameters, each with one entry per group of sets that share Required/Position/pipeline.
    param([System.Management.Automation.CommandInfo] $Command)
    $allSets = @($Command.ParameterSets | ForEach-Object Name)
    foreach ($p in $Command.Parameters.Values | Where-Object { $_.Name -notin $script:CommonParameters } | Sort-Object { Get-ParameterOrder $Command $_ }, Name) {
        $perSet = foreach ($setName in $allSets) {
            $set = $Command.ParameterSets | Where-Object Name -eq $setName
            $sp = $set.Parameters | Where-Object Name -eq $p.Name
            if (-not $sp) { continue }
            $pipe = @(); if ($sp.ValueFromPipelineByPropertyName) { $pipe += 'ByPropertyName' }; if ($sp.ValueFromPipeline) { $pipe += 'ByValue' }
            [pscustomobject]@{
                Set = $setName
                Required = [string]$sp.IsMandatory
                Position = if ($sp.Position -ge 0) { [string]$sp.Position } else { 'Named' }
                Pipeline = if ($pipe) { "True ($($pipe -join ', '))" } else { 'False' }
            }
        }
        $groups = $perSet | Group-Object Required, Position, Pipeline
        $inAll = @($perSet).Count -eq $allSets.Count
        [pscustomobject]@{
            Name      = $p.Name
            Type      = Get-ParameterTypeName $p.ParameterType
            IsSwitch  = $p.SwitchParameter
            Aliases   = ($p.Aliases | Sort-Object) -join ', '
            Wildcards = [string][bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            Groups    = @(foreach ($g in $groups) {
                $first = $g.Group[0]
                [pscustomobject]@{
                    Sets     = if ($inAll -and @($groups).Count -eq 1) { '(All)' } else { ($g.Group.Set) -join ', ' }
                    SetNames = @($g.Group.Set)
                    Required = $first.Required; Position = $first.Position; Pipeline = $first.Pipeline
                }
            })
        }
    }
}

function Get-ParameterOrder($Command, $p) {
    $positions = @($Command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $p.Name } | Where-Object Position -ge 0 | ForEach-Object Position)
    if ($positions) { ($positions | Measure-Object -Minimum).Minimum } else { 1000 }
}

function Get-SyntaxLine($Command, $set) {
    $parts = foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $script:CommonParameters } |
            Sort-Object @{ E = { if ($_.Position -ge 0) { $_.Position } else { 1000 } } }, @{ E = { -not $_.IsMandatory } }) {
        $type = Get-ParameterTypeName $sp.ParameterType
        $name = if ($sp.Position -ge 0) { "[-$($sp.Name)]" } else { "-$($sp.Name)" }
        $text = if ($sp.ParameterType -eq [System.Management.Automation.SwitchParameter]) { "-$($sp.Name)" } else { "$name <$type>" }
        if ($sp.IsMandatory) { $text } else { "[$text]" }
    }
    (@($Command.Name) + @($parts) + '[<CommonParameters>]') -join ' '
}

function New-CmdletMarkdown {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][System.Management.Automation.CommandInfo] $Command,
        $Prose,
        [string] $ModuleName = 'LibContainer'
    )
    if (-not $Prose) {
        $Prose = [pscustomobject]@{ Synopsis = ''; Description = ''; Examples = @(); Parameters = [ordered]@{}
            Inputs = @(); Outputs = @(); Notes = ''; RelatedLinks = @(); SyntaxSets = @() }
    }
    $fill = { param($text, $what) if ($text) { $text } else { "{{ Fill $what }}" } }
    $sb = [System.Text.StringBuilder]::new()
    $w = { param($s) [void]$sb.Append($s).Append("`n") }
    & $w '---'; & $w "external help file: $($Command.DLL | Split-Path -Leaf)-Help.xml"; & $w "Module Name: $ModuleName"
    & $w 'online version:'; & $w 'schema: 2.0.0'; & $w '---'; & $w ''
    & $w "# $($Command.Name)"; & $w ''
    & $w '## SYNOPSIS'; & $w (& $fill $Prose.Synopsis 'in the Synopsis'); & $w ''
    & $w '## SYNTAX'; & $w ''
    foreach ($set in $Command.ParameterSets | Sort-Object { -not $_.IsDefault }, Name) {
        $title = if ($set.Name -eq '__AllParameterSets') { 'All' } else { $set.Name }
        if ($set.IsDefault -and @($Command.ParameterSets).Count -gt 1) { $title += ' (Default)' }
        & $w "### $title"; & $w '```'; & $w (Get-SyntaxLine $Command $set); & $w '```'; & $w ''
    }
    & $w '## DESCRIPTION'; & $w (& $fill $Prose.Description 'in the Description'); & $w ''
    & $w '## EXAMPLES'; & $w ''
    $examples = @($Prose.Examples)
    if (-not $examples) { $examples = @([pscustomobject]@{ Title = 'Example 1'; Code = "PS> {{ Add example code here }}"; Remarks = '{{ Add example description here }}' }) }
    foreach ($e in $examples) {
        & $w "### $($e.Title)"; & $w '```powershell'; & $w $e.Code; & $w '```'; & $w ''
        if ($e.Remarks) { & $w $e.Remarks; & $w '' }
    }
    & $w '## PARAMETERS'; & $w ''
    $known = $Prose.Parameters
    foreach ($p in Get-CmdletParameterModel $Command) {
        $old = if ($known.Contains($p.Name)) { $known[$p.Name] } else { $null }
        & $w "### -$($p.Name)"; & $w (& $fill $(if ($old) { $old.Description }) "$($p.Name) Description"); & $w ''
        foreach ($g in $p.Groups) {
            $default = 'None'
            if ($old -and $old.Yaml.Count -gt 0 -and $old.Yaml[0].PSObject.Properties['Default value']) { $default = $old.Yaml[0].'Default value' }
            if ($p.IsSwitch -and $default -eq 'None') { $default = 'False' }
            & $w '```yaml'
            & $w "Type: $($p.Type)"; & $w "Parameter Sets: $($g.Sets)"; & $w "Aliases: $($p.Aliases)".TrimEnd(); & $w ''
            & $w "Required: $($g.Required)"; & $w "Position: $($g.Position)"; & $w "Default value: $default"
            & $w "Accept pipeline input: $($g.Pipeline)"; & $w "Accept wildcard characters: $($p.Wildcards)"
            & $w '```'; & $w ''
        }
    }
    & $w '### CommonParameters'
    & $w 'This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).'
    & $w ''
    & $w '## INPUTS'; & $w ''
    foreach ($i in @($Prose.Inputs)) { if ($i) { & $w "### $($i.Type)"; if ($i.Description) { & $w $i.Description }; & $w '' } }
    & $w '## OUTPUTS'; & $w ''
    foreach ($o in @($Prose.Outputs)) { if ($o) { & $w "### $($o.Type)"; if ($o.Description) { & $w $o.Description }; & $w '' } }
    & $w '## NOTES'; if ($Prose.Notes) { & $w $Prose.Notes }; & $w ''
    & $w '## RELATED LINKS'; & $w ''
    foreach ($l in @($Prose.RelatedLinks)) { if ($l) { & $w "[$($l.Text)]($($l.Uri))"; & $w '' } }
    $sb.ToString().TrimEnd("`n") + "`n"
}

# ---------- MAML ----------

function ConvertTo-MamlHelp {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string[]] $MarkdownPath, [Parameter(Mandatory)][string] $OutFile)
    $ns = @{ maml = 'http://schemas.microsoft.com/maml/2004/10'; command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'; dev = 'http://schemas.microsoft.com/maml/dev/2004/10' }
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $x = [System.Xml.XmlWriter]::Create($OutFile, $settings)
    $paras = { param($text)
        foreach ($p in ($text -split "\n\s*\n")) { if ($p.Trim()) { $x.WriteElementString('para', $ns.maml, ($p.Trim() -replace '\s*\n\s*', ' ')) } }
    }
    $param = { param($name, $p, $g, $inSyntax)
        $isSwitch = $p.Yaml[0].Type -eq 'SwitchParameter'
        $x.WriteStartElement('command', 'parameter', $ns.command)
        $x.WriteAttributeString('required', $g.Required.ToLowerInvariant())
        $x.WriteAttributeString('variableLength', ([string]($p.Yaml[0].Type -like '*`[`]')).ToLowerInvariant())
        $x.WriteAttributeString('globbing', $g.'Accept wildcard characters'.ToLowerInvariant())
        $x.WriteAttributeString('pipelineInput', $g.'Accept pipeline input')
        $x.WriteAttributeString('position', $(if ($g.Position -eq 'Named') { 'named' } else { $g.Position }))
        $x.WriteAttributeString('aliases', $(if ($g.Aliases) { $g.Aliases } else { 'none' }))
        $x.WriteElementString('name', $ns.maml, $name)
        $x.WriteStartElement('maml', 'description', $ns.maml); & $paras $p.Description; $x.WriteEndElement()
        if (-not $isSwitch) {
            $x.WriteStartElement('command', 'parameterValue', $ns.command)
            $x.WriteAttributeString('required', 'true'); $x.WriteAttributeString('variableLength', 'false')
            $x.WriteString($p.Yaml[0].Type); $x.WriteEndElement()
        }
        $x.WriteStartElement('dev', 'type', $ns.dev); $x.WriteElementString('name', $ns.maml, $p.Yaml[0].Type); $x.WriteElementString('uri', $ns.maml, ''); $x.WriteEndElement()
        $x.WriteElementString('defaultValue', $ns.dev, $g.'Default value')
        $x.WriteEndElement()
    }
    $x.WriteStartDocument()
    $x.WriteStartElement('helpItems', 'http://msh'); $x.WriteAttributeString('schema', 'maml')
    foreach ($file in $MarkdownPath | Sort-Object) {
        $d = Read-CmdletMarkdown -Path $file
        $verb, $noun = $d.Name -split '-', 2
        $x.WriteStartElement('command', 'command', $ns.command)
        $x.WriteAttributeString('xmlns', 'maml', $null, $ns.maml); $x.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
        $x.WriteStartElement('command', 'details', $ns.command)
        $x.WriteElementString('name', $ns.command, $d.Name); $x.WriteElementString('verb', $ns.command, $verb); $x.WriteElementString('noun', $ns.command, $noun)
        $x.WriteStartElement('maml', 'description', $ns.maml); & $paras $d.Synopsis; $x.WriteEndElement()
        $x.WriteEndElement()
        $x.WriteStartElement('maml', 'description', $ns.maml); & $paras $d.Description; $x.WriteEndElement()
        $x.WriteStartElement('command', 'syntax', $ns.command)
        foreach ($s in $d.SyntaxSets) {
            $setName = $s.Name -replace '\s*\(Default\)$'
            $x.WriteStartElement('command', 'syntaxItem', $ns.command); $x.WriteElementString('name', $ns.maml, $d.Name)
            foreach ($pn in $d.Parameters.Keys) {
                $p = $d.Parameters[$pn]
                $g = $p.Yaml | Where-Object { $_.'Parameter Sets' -eq '(All)' -or ($_.'Parameter Sets' -split ',\s*') -contains $setName } | Select-Object -First 1
                if ($g) { & $param $pn $p $g $true }
            }
            $x.WriteEndElement()
        }
        $x.WriteEndElement()
        $x.WriteStartElement('command', 'parameters', $ns.command)
        foreach ($pn in $d.Parameters.Keys) { $p = $d.Parameters[$pn]; & $param $pn $p $p.Yaml[0] $false }
        $x.WriteEndElement()
        foreach ($kind in @(@('inputTypes', 'inputType', $d.Inputs), @('returnValues', 'returnValue', $d.Outputs))) {
            $x.WriteStartElement('command', $kind[0], $ns.command)
            foreach ($t in $kind[2]) {
                $x.WriteStartElement('command', $kind[1], $ns.command)
                $x.WriteStartElement('dev', 'type', $ns.dev); $x.WriteElementString('name', $ns.maml, $t.Type); $x.WriteEndElement()
                $x.WriteStartElement('maml', 'description', $ns.maml); & $paras $t.Description; $x.WriteEndElement()
                $x.WriteEndElement()
            }
            $x.WriteEndElement()
        }
        $x.WriteStartElement('maml', 'alertSet', $ns.maml); $x.WriteStartElement('maml', 'alert', $ns.maml); & $paras $d.Notes; $x.WriteEndElement(); $x.WriteEndElement()
        $x.WriteStartElement('command', 'examples', $ns.command)
        foreach ($e in $d.Examples) {
            $x.WriteStartElement('command', 'example', $ns.command)
            $x.WriteElementString('title', $ns.maml, "-------------------------- $($e.Title) --------------------------")
            $x.WriteElementString('code', $ns.dev, $e.Code)
            $x.WriteStartElement('dev', 'remarks', $ns.dev); & $paras $e.Remarks; $x.WriteEndElement()
            $x.WriteEndElement()
        }
        $x.WriteEndElement()
        $x.WriteStartElement('command', 'relatedLinks', $ns.command)
        foreach ($l in $d.RelatedLinks) {
            $x.WriteStartElement('maml', 'navigationLink', $ns.maml)
            $x.WriteElementString('linkText', $ns.maml, $l.Text); $x.WriteElementString('uri', $ns.maml, $(if ($l.Uri -match '^https?:') { $l.Uri } else { '' }))
            $x.WriteEndElement()
        }
        $x.WriteEndElement()
        $x.WriteEndElement()
    }
    $x.WriteEndElement(); $x.WriteEndDocument(); $x.Close()
}

Export-ModuleMember -Function Read-CmdletMarkdown, New-CmdletMarkdown, ConvertTo-MamlHelp, Get-CmdletParameterModel
