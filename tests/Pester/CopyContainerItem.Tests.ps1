# Copy-ContainerItem on real containers: both directions, -Recurse, -Force, the container's mounts, a stopped
# container's rootfs, and an image whose symlinks point out of it (absolute and ../), which must never reach the host.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-ExecSkipReason
    if (-not $script:Skip) { Assert-TestRootfs }
    function Skip-WithoutExec { if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return $true }; $false }
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "lc-copy-$PID-$(Get-Random)"
    $script:Host_ = "$script:Work/host"          # host files the image's symlinks aim at
    $script:Image = "$script:Work/rootfs"
    if (-not $script:Skip) {
        New-Item -ItemType Directory -Force "$script:Host_/secret", "$script:Work/out", "$script:Work/vol" | Out-Null
        Set-Content "$script:Host_/secret/file" 'HOST SECRET'
        & cp -a $script:Rootfs $script:Image
        # the malicious image: absolute and ../ escapes, a link inside a copied tree, and a device node
        & ln -s "$script:Host_/secret" "$script:Image/abs"
        & ln -s ('../' * 12 + $script:Host_.TrimStart('/') + '/secret') "$script:Image/rel"
        New-Item -ItemType Directory -Force "$script:Image/data/sub" | Out-Null
        Set-Content "$script:Image/data/f" 'inside'
        Set-Content "$script:Image/data/sub/g" 'deeper'
        & ln -s "$script:Host_/secret/file" "$script:Image/data/link"
        & mknod "$script:Image/data/null" c 1 3
        Set-Content "$script:Work/in.txt" 'from host'
        New-Container -Rootfs $script:Image -Name cp1 -Mount "$($script:Work)/vol:/vol" | Start-Container
    }
}

AfterAll {
    Clear-TestRoots
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
}

Describe 'Copy-ContainerItem' {
    It 'copies a file in and out; a directory with -Recurse only; symlinks as symlinks; device nodes skipped with a warning' {
        if (Skip-WithoutExec) { return }
        Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /tmp -ToContainer
        Invoke-ContainerProcess -Name cp1 /bin/cat /tmp/in.txt | Should -Be 'from host'
        Invoke-ContainerProcess -Name cp1 /bin/stat -c '%u:%g %a' /tmp/in.txt | Should -Be '0:0 644'
        { Copy-ContainerItem -Name cp1 /data "$script:Work/out" -FromContainer -ErrorAction Stop } | Should -Throw '*use -Recurse*'
        Copy-ContainerItem -Name cp1 /data "$script:Work/out" -FromContainer -Recurse -WarningVariable warned 3>$null
        Get-Content "$script:Work/out/data/sub/g" | Should -Be 'deeper'
        (Get-Item "$script:Work/out/data/link").LinkTarget | Should -Be "$script:Host_/secret/file"
        Test-Path "$script:Work/out/data/null" | Should -BeFalse
        "$warned" | Should -BeLike '*data/null*not copied*'
    }

    It 'an absolute or ../ symlink in the image never sends a copy to the host: <Dest>' -ForEach @(
        @{ Dest = '/abs/x.txt' }, @{ Dest = '/abs/' }, @{ Dest = '/rel/x.txt' }, @{ Dest = '/../../..' + '/tmp/x.txt' }
    ) {
        if (Skip-WithoutExec) { return }
        Copy-ContainerItem -Name cp1 "$script:Work/in.txt" $Dest -ToContainer -Force -ErrorAction SilentlyContinue
        Get-ChildItem "$script:Host_/secret" | ForEach-Object Name | Should -Be @('file')
        Test-Path /tmp/x.txt | Should -BeFalse
    }

    It 'reading through the image''s symlinks stays inside the container: <Source>' -ForEach @(
        @{ Source = '/abs/file' }, @{ Source = '/rel/file' }, @{ Source = '/data/link' }
    ) {
        if (Skip-WithoutExec) { return }
        $target = "$script:Work/out/leak-$(Get-Random)"
        { Copy-ContainerItem -Name cp1 $Source $target -FromContainer -ErrorAction Stop } | Should -Throw '*no such file*'
        Test-Path $target | Should -BeFalse
    }

    It 'a path the container resolves through its own symlink lands inside the container' {
        if (Skip-WithoutExec) { return }
        Invoke-ContainerProcess -Name cp1 /bin/sh -c 'mkdir -p /srv/real && ln -sfn /srv/real /srv/alias && ln -sfn ../../../srv/real /srv/up'
        Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /srv/alias -ToContainer
        Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /srv/up/second.txt -ToContainer
        Invoke-ContainerProcess -Name cp1 /bin/ls /srv/real | Should -Be @('in.txt', 'second.txt')
    }

    It 'includes the container''s mounts (a file copied to a -Mount destination lands in its source)' {
        if (Skip-WithoutExec) { return }
        Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /vol/v.txt -ToContainer
        Get-Content "$script:Work/vol/v.txt" | Should -Be 'from host'
    }

    It 'overwrites a file; -Force replaces a symlink in the way; a read-only file needs -Force' {
        if (Skip-WithoutExec) { return }
        Invoke-ContainerProcess -Name cp1 /bin/sh -c 'echo old > /tmp/o.txt; ln -sfn /nowhere /tmp/l.txt; echo ro > /tmp/r.txt; chmod 444 /tmp/r.txt'
        Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /tmp/o.txt -ToContainer
        Invoke-ContainerProcess -Name cp1 /bin/cat /tmp/o.txt | Should -Be 'from host'
        { Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /tmp/l.txt -ToContainer -ErrorAction Stop } | Should -Throw '*-Force*'
        { Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /tmp/r.txt -ToContainer -ErrorAction Stop } | Should -Throw '*-Force*'
        Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /tmp/l.txt -ToContainer -Force
        Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /tmp/r.txt -ToContainer -Force
        Invoke-ContainerProcess -Name cp1 /bin/sh -c 'cat /tmp/l.txt /tmp/r.txt; [ -L /tmp/l.txt ] || echo not-a-link' | Should -Be @('from host', 'from host', 'not-a-link')
    }

    It '-WhatIf copies nothing; a missing direction is refused' {
        if (Skip-WithoutExec) { return }
        Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /tmp/whatif.txt -ToContainer -WhatIf
        Invoke-ContainerProcess -Name cp1 /bin/sh -c 'test -e /tmp/whatif.txt && echo there || echo absent' | Should -Be 'absent'
        { Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /tmp -ErrorAction Stop } | Should -Throw -ErrorId 'CopyDirectionNotSpecified,*'
    }

    It 'a stopped container''s side is its rootfs' {
        if (Skip-WithoutExec) { return }
        Get-Container cp1 | Stop-Container -Timeout 2
        Copy-ContainerItem -Name cp1 "$script:Work/in.txt" /etc/stopped.txt -ToContainer
        Get-Content "$script:Image/etc/stopped.txt" | Should -Be 'from host'
    }
}
