# Every example of docs/cmdlets runs, as written, in a fresh temporary directory holding what its text assumes:
# ./rootfs (a copy of the test rootfs), ./bundle/config.json, ./config.json, ./configs/*.json, and the running
# containers web1 and web2. An example that cannot run there says so in its text ("cannot run in a fresh directory")
# and is skipped with that reason.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Join-Path $script:Repo 'tools/CmdletDocs.psm1') -Force
    $script:Examples = foreach ($file in Get-ChildItem (Join-Path $script:Repo 'docs/cmdlets') -Filter '*-*.md') {
        foreach ($e in (Read-CmdletMarkdown -Path $file.FullName).Examples) {
            $code = ($e.Code -split "`n" | Where-Object { $_ -like 'PS> *' } | ForEach-Object { $_.Substring(4) }) -join "`n"
            @{ Cmdlet = $file.BaseName; Title = $e.Title; Code = $code; Remarks = $e.Remarks }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-ExecSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
}

AfterAll { Clear-TestRoots }

Describe '<Cmdlet>: <Title>' -ForEach $script:Examples {
    BeforeAll {
        $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "lc-example-$PID-$(Get-Random)"
        New-Item -ItemType Directory -Force $script:Dir, "$script:Dir/bundle", "$script:Dir/configs" | Out-Null
        if (-not $script:Skip) {
            & cp -a $script:Rootfs "$script:Dir/rootfs"
            $config = New-ContainerConfig -Rootfs "$script:Dir/rootfs" -Command /bin/sh, -c, 'sleep 1000'
            $config | Export-ContainerConfig -Path "$script:Dir/bundle/config.json"
            $config | Export-ContainerConfig -Path "$script:Dir/config.json"
            $config | Export-ContainerConfig -Path "$script:Dir/configs/a.json"
            # web1 and web2 run, unless the example makes them itself
            foreach ($n in 'web1', 'web2') {
                if ($Code -notmatch "New-Container[^|]*-Name $n\b") { New-Container -Rootfs "$script:Dir/rootfs" -Name $n -MemoryLimit 64MB -ErrorAction Stop | Start-Container }
            }
        }
    }
    AfterAll {
        Get-EventSubscriber | Unregister-Event -Force -ErrorAction SilentlyContinue
        Get-Event | Remove-Event -ErrorAction SilentlyContinue
        Remove-TestContainers
        Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
    }

    It 'runs in a fresh directory' {
        if ($Remarks -match 'cannot run in a fresh directory') { Set-ItResult -Skipped -Because ($Remarks -split "`n" | Where-Object { $_ -match 'cannot run' } | Select-Object -First 1); return }
        if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return }
        Push-Location $script:Dir
        try {
            $ErrorActionPreference = 'Stop'
            & ([scriptblock]::Create($Code)) | Out-Null
        } finally { Pop-Location }
    }
}
