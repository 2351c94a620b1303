# Fails when docs/cmdlets and the cmdlets' real parameters drift (the build generates the MAML help from the docs).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Cmdlets = Get-Command -Module LibContainer -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Join-Path $script:Repo 'tools/CmdletDocs.psm1') -Force
    $script:Docs = Join-Path $script:Repo 'docs/cmdlets'
}

Describe 'docs/cmdlets/<Name>.md' -ForEach $script:Cmdlets {
    BeforeAll {
        $script:Cmd = Get-Command $Name
        $script:File = Join-Path $script:Docs "$Name.md"
        $script:Page = if (Test-Path $script:File) { Read-CmdletMarkdown -Path $script:File }
        $script:Model = @(Get-CmdletParameterModel $script:Cmd)
    }

    It 'exists' { Test-Path $script:File | Should -BeTrue }

    It 'names the cmdlet and has a synopsis, a description and at least one example' {
        $script:Page.Name | Should -Be $Name
        $script:Page.Synopsis | Should -Not -BeNullOrEmpty
        $script:Page.Description | Should -Not -BeNullOrEmpty
        @($script:Page.Examples).Count | Should -BeGreaterOrEqual 1
        $script:Page.Examples | ForEach-Object { $_.Code | Should -Match $Name }
    }

    It 'documents exactly the parameters the cmdlet has' {
        @($script:Page.Parameters.Keys | Sort-Object) | Should -Be @($script:Model.Name | Sort-Object)
    }

    It 'describes every parameter' {
        foreach ($k in $script:Page.Parameters.Keys) {
            $script:Page.Parameters[$k].Description | Should -Not -BeNullOrEmpty -Because "-$k needs a description"
        }
    }

    It 'has the real parameter sets, types, positions and pipeline binding of every parameter' {
        foreach ($p in $script:Model) {
            $doc = $script:Page.Parameters[$p.Name]
            $doc | Should -Not -BeNullOrEmpty -Because "-$($p.Name) must be documented"
            @($doc.Yaml).Count | Should -Be @($p.Groups).Count -Because "-$($p.Name) has $(@($p.Groups).Count) distinct set bindings"
            for ($i = 0; $i -lt @($p.Groups).Count; $i++) {
                $y = @($doc.Yaml)[$i]; $g = @($p.Groups)[$i]
                $y.Type | Should -Be $p.Type -Because "-$($p.Name) type"
                $y.'Parameter Sets' | Should -Be $g.Sets -Because "-$($p.Name) parameter sets"
                $y.Required | Should -Be $g.Required -Because "-$($p.Name) required in $($g.Sets)"
                $y.Position | Should -Be $g.Position -Because "-$($p.Name) position in $($g.Sets)"
                $y.'Accept pipeline input' | Should -Be $g.Pipeline -Because "-$($p.Name) pipeline input in $($g.Sets)"
                $y.'Accept wildcard characters' | Should -Be $p.Wildcards -Because "-$($p.Name) wildcards"
                $y.Aliases | Should -Be $p.Aliases -Because "-$($p.Name) aliases"
            }
        }
    }

    It 'has the real parameter sets in SYNTAX' {
        $want = @($script:Cmd.ParameterSets.Name | ForEach-Object { if ($_ -eq '__AllParameterSets') { 'All' } else { $_ } } | Sort-Object)
        @($script:Page.SyntaxSets.Name | ForEach-Object { $_ -replace '\s*\(Default\)$' } | Sort-Object) | Should -Be $want
    }

    It 'is exactly what tools/Update-CmdletDocs.ps1 renders (no placeholders, syntax current)' {
        $text = Get-Content -Raw $script:File
        $text | Should -Not -Match '\{\{'
        New-CmdletMarkdown -Command $script:Cmd -Prose $script:Page | Should -BeExactly $text
    }
}

Describe 'docs/cmdlets' {
    It 'has no page for a cmdlet the module does not have' {
        $names = (Get-Command -Module LibContainer -CommandType Cmdlet).Name
        Get-ChildItem $script:Docs -Filter '*-*.md' | ForEach-Object BaseName | Where-Object { $_ -notin $names } | Should -BeNullOrEmpty
    }

    It 'the staged MAML help was generated from the current pages' {
        $maml = Join-Path (Split-Path $script:ModulePath) 'en-US/LibContainer.PowerShell.dll-Help.xml'
        Test-Path $maml | Should -BeTrue
        $fresh = Join-Path ([IO.Path]::GetTempPath()) "maml-$PID.xml"
        try {
            ConvertTo-MamlHelp -MarkdownPath (Get-ChildItem $script:Docs -Filter '*-*.md').FullName -OutFile $fresh
            (Get-Content -Raw $fresh) | Should -BeExactly (Get-Content -Raw $maml) -Because 'run tools/Stage-Module.ps1 after editing docs'
        } finally { Remove-Item $fresh -ErrorAction SilentlyContinue }
    }
}
