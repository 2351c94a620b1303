# The module for an ordinary user: a test user (named lcr-<run tag>…, removed here and by the run's sweep) runs pwsh with
# the staged module through setpriv. The clone (out/) may sit in a mode-0700 directory, so the module, nsinit and the
# rootfs are copied into a 0755 stage, and pwsh's own directory is bound there in a private mount namespace.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Skip = Get-ExecSkipReason
    if (-not $script:Skip -and -not (Get-Command setpriv, useradd, unshare -ErrorAction SilentlyContinue)) { $script:Skip = 'setpriv, useradd or unshare is missing' }
}

Describe 'Rootless: the module as a user other than root' -Skip:([bool]$script:Skip) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Assert-TestRootfs
        $script:User = "lcr-$env:LIBCONTAINER_TEST_TAG" + [guid]::NewGuid().ToString('N').Substring(0, 6)
        $script:Stage = Join-Path ([IO.Path]::GetTempPath()) $script:User
        New-Item -ItemType Directory $script:Stage | Out-Null
        chmod 755 $script:Stage
        useradd -m -d "$script:Stage/home" -s /bin/sh $script:User
        if ($LASTEXITCODE -ne 0) { throw "useradd $script:User failed" }
        $script:Uid = [int](id -u $script:User)
        cp -a (Split-Path $script:ModulePath) "$script:Stage/module"
        cp -a $script:Nsinit "$script:Stage/module/nsinit"
        cp -a "$script:Rootfs/." "$script:Stage/rootfs"
        chmod -R a+rX "$script:Stage/module"
        chmod 755 "$script:Stage/rootfs"
        New-Item -ItemType Directory "$script:Stage/pwsh", "$script:Stage/run" | Out-Null
        chown "$($script:User):" "$script:Stage/run"
        chmod 700 "$script:Stage/run"

        # Runs a script as the test user; returns its output lines (stdout and stderr) and sets $LASTEXITCODE.
        function Invoke-AsUser([string] $Script) {
            $file = "$script:Stage/script-$([guid]::NewGuid().ToString('N').Substring(0, 8)).ps1"
            Set-Content $file ("`$ErrorActionPreference = 'Stop'`nImport-Module $script:Stage/module/LibContainer.psd1`n" + $Script)
            chmod 644 $file
            $inner = 'mount --bind "$0" "$1" && exec setpriv --reuid "$2" --regid "$2" --init-groups env -i PATH=/usr/bin:/bin ' +
                'HOME="$3/home" XDG_RUNTIME_DIR="$3/run" DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$1/pwsh.dll" -NoProfile -NonInteractive -File "$4"'
            unshare --mount --propagation private sh -c $inner $PSHOME "$script:Stage/pwsh" $script:User $script:Stage $file 2>&1 | ForEach-Object { "$_" }
            Remove-Item $file
        }
    }

    AfterAll {
        if ($script:User) {
            Invoke-AsUser 'Get-Container | Remove-Container -Force -Confirm:$false' | Out-Null
            userdel -r -f $script:User 2>$null
            Remove-Item -Recurse -Force $script:Stage -ErrorAction SilentlyContinue
        }
    }

    It 'runs the card''s lines: New-Container | Invoke-ContainerProcess, Get-Container, Remove-Container' {
        $out = Invoke-AsUser @"
`$c = New-Container -Rootfs $script:Stage/rootfs -Name web
'root=' + (Invoke-ContainerProcess -Name web /bin/sh -c 'id -u; cat /proc/self/uid_map' | Out-String).Trim()
`$got = Get-Container -Name web
'state=' + `$got.State + ' stateroot=' + `$got.StateRoot
New-Container -Rootfs $script:Stage/rootfs | Invoke-ContainerProcess /bin/echo unnamed-ok
Remove-Container -Name web -Force -Confirm:`$false
'left=' + @(Get-Container).Count
"@
        $text = $out -join "`n"
        $LASTEXITCODE | Should -Be 0 -Because $text
        $text | Should -Match "root=0\s+0\s+$script:Uid\s+1"
        $text | Should -Match "state=Running stateroot=$([regex]::Escape("$script:Stage/run/nsinit"))"
        $text | Should -Match 'unnamed-ok'
        $text | Should -Match 'left=0'
    }

    It 'refuses -Network Bridge for a user, naming the parameter' {
        $out = Invoke-AsUser "try { New-Container -Rootfs $script:Stage/rootfs -Network Bridge } catch { 'error=' + `$_.FullyQualifiedErrorId + ' ' + `$_.Exception.Message }"
        ($out -join "`n") | Should -Match 'error=InvalidNetworkParameter.*-Network Bridge is root-only'
    }

    It 'refuses -MemoryLimit with the config path when no cgroup is delegated' {
        $out = Invoke-AsUser "try { New-Container -Rootfs $script:Stage/rootfs -MemoryLimit 64MB } catch { 'error=' + `$_.Exception.Message }"
        ($out -join "`n") | Should -Match 'error=.*linux\.resources\.memory: needs a cgroup'
        (Invoke-AsUser "'left=' + @(Get-Container).Count") -join "`n" | Should -Match 'left=0'
    }

    It 'says access denied, not "not found", for one of root''s containers' {
        $id = 'lcrroot' + [guid]::NewGuid().ToString('N').Substring(0, 6)
        New-Item -ItemType Directory -Force "/run/nsinit/$id" | Out-Null
        try {
            $out = Invoke-AsUser "try { Get-Container -Id $id -ErrorAction Stop } catch { 'error=' + `$_.CategoryInfo.Category + ' ' + `$_.Exception.Message }"
            ($out -join "`n") | Should -Match "error=PermissionDenied Container id '$id' is one of root's containers"
        } finally { Remove-Item "/run/nsinit/$id" }
    }
}
