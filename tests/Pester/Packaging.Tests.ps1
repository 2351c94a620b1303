# The module as users get it: installed by setup (tools/Install-Module.ps1) where every pwsh finds it, and as a .nupkg
# (build.ps1 -Package) that Install-PSResource installs from a folder repository. Each runs in a fresh pwsh with a
# private HOME / module folder, so nothing of the machine's own module paths or repositories is touched.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-ExecSkipReason
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "lc-packaging-$PID"
    New-Item -ItemType Directory -Force $script:Work | Out-Null
    $exe = [Environment]::ProcessPath
    $script:Pwsh = if ((Split-Path -Leaf $exe) -eq 'dotnet') { @($exe, (Join-Path $PSHOME 'pwsh.dll')) } else { @($exe) }
    # Runs a command in a fresh pwsh with the given environment; returns its output lines.
    function Invoke-FreshPwsh([hashtable] $Environment, [string] $Command) {
        $saved = @{}
        foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
        try { & $script:Pwsh[0] @($script:Pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Command 2>&1 | ForEach-Object { "$_" } }
        finally { foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) } }
    }
    $script:StagedDir = Split-Path $script:ModulePath
}

AfterAll {
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
    Clear-TestRoots
}

Describe 'Packaging' {
    It 'the staged module ships a LICENSE and no debug symbols' {
        Test-Path (Join-Path $script:StagedDir 'LICENSE') | Should -BeTrue
        Get-ChildItem $script:StagedDir -Recurse -File | Where-Object Extension -in '.pdb', '.dbg' | Should -BeNullOrEmpty
        $m = Import-PowerShellDataFile $script:ModulePath
        $m.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $m.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $m.PrivateData.PSData.Tags | Should -Contain 'Containers'
    }

    It 'installed by setup, a fresh pwsh finds it and runs the card line without Import-Module, leaving no container' {
        if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return }
        $modules = Join-Path $script:Work 'modules'
        & (Join-Path $script:Repo 'tools/Install-Module.ps1') -StagedPath $script:StagedDir -ModulesPath $modules | Out-Null
        $out = Invoke-FreshPwsh @{ PSModulePath = $modules; LIBCONTAINER_NSINIT = $null } (
            "@((Get-Module -ListAvailable LibContainer).ModuleBase) -join ';'; New-Container -Rootfs '$($script:Rootfs)' | Invoke-ContainerProcess /bin/sh -c 'echo hi'; " +
            "'containers=' + @(Get-Container).Count")
        # Listed from the private folder (pwsh adds the machine's all-users folder too, where setup.sh installs it).
        $out[0] -split ';' | Should -Contain (Join-Path $modules "LibContainer/$((Import-PowerShellDataFile $script:ModulePath).ModuleVersion)")
        $out | Should -Contain 'hi'
        $out | Should -Contain 'containers=0'
    }

    It 'build.ps1 -Package makes a .nupkg that Install-PSResource installs from a folder repository, and it runs' {
        if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return }
        & $script:Pwsh[0] @($script:Pwsh | Select-Object -Skip 1) -NoProfile -File (Join-Path $script:Repo 'build.ps1') -NoBuild -Package | Out-Null
        $package = Get-ChildItem (Join-Path $script:Repo 'out/package') -Filter 'LibContainer.*.nupkg' | Select-Object -First 1
        $package | Should -Not -BeNullOrEmpty
        $home2 = Join-Path $script:Work 'home'
        New-Item -ItemType Directory -Force $home2 | Out-Null
        $out = Invoke-FreshPwsh @{ HOME = $home2; LIBCONTAINER_NSINIT = $null } (
            "Register-PSResourceRepository -Name lc -Uri '$($package.DirectoryName)' -Trusted; " +
            "Install-PSResource -Name LibContainer -Repository lc -Scope CurrentUser -TrustRepository -Quiet; " +
            "(Get-Module -ListAvailable LibContainer).ModuleBase; " +
            "New-Container -Rootfs '$($script:Rootfs)' | Invoke-ContainerProcess /bin/sh -c 'echo from-package'")
        $out[0] | Should -BeLike "$home2/*LibContainer*"
        $out | Should -Contain 'from-package'
    }
}
