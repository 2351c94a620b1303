# Invoke-/Start-ContainerProcess where they meet native programs: arguments reach the program as written (or the call
# fails loudly before anything runs), -WhatIf runs nothing, stderr and exit codes behave as PowerShell 7.4+ native
# commands, Ctrl+C ends the process under a real terminal. Real containers, as root.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Initialize-TestRoots
    $script:Skip = Get-ExecSkipReason
    if (-not $script:Skip) {
        Assert-TestRootfs
        New-Container -Rootfs $script:Rootfs -Name flags1 -ErrorAction Stop | Start-Container
    }
    function Skip-WithoutExec { if ($script:Skip) { Set-ItResult -Skipped -Because $script:Skip; return $true }; $false }
    # Runs a command line as written (a literal script block, so the cmdlet sees its own tokens, as at a prompt).
    function Invoke-Line([string] $Line) {
        $global:LASTEXITCODE = 12345
        try {
            $out = & ([scriptblock]::Create($Line)) 2>$null
            [pscustomobject]@{ Out = @($out); Exit = $global:LASTEXITCODE; Error = $null }
        } catch {
            [pscustomobject]@{ Out = @(); Exit = $global:LASTEXITCODE; Error = $_ }
        }
    }
}

AfterAll { Clear-TestRoots }

Describe 'Native flags after the program' {
    # Each program line runs as written after --; without -- it must give the same result or fail before running.
    It '<Argv> reaches the program unchanged' -ForEach @(
        @{ Argv = "/bin/grep -v root /etc/passwd" }
        @{ Argv = "/bin/ls -a /etc" }
        @{ Argv = "/bin/mkdir -p /tmp/flags/a/b" }
        @{ Argv = "/bin/ls -t /etc" }
        @{ Argv = "/bin/echo -n hi" }
        @{ Argv = "/usr/bin/head -n 1 /etc/passwd" }
        @{ Argv = "/bin/grep -e root /etc/passwd" }
        @{ Argv = "/bin/grep -i ROOT /etc/passwd" }
        @{ Argv = "/usr/bin/sort -u /etc/passwd" }
        @{ Argv = "/usr/bin/wc -w /etc/passwd" }
        @{ Argv = "/bin/grep -F root /etc/passwd" }
        @{ Argv = "/bin/grep -c root /etc/passwd" }
        @{ Argv = "/bin/sh -c 'echo dash-c'" }
    ) {
        if (Skip-WithoutExec) { return }
        $expected = Invoke-Line "Invoke-ContainerProcess -Name flags1 -- $Argv"
        $expected.Error | Should -BeNullOrEmpty
        $expected.Exit | Should -Be 0
        $plain = Invoke-Line "Invoke-ContainerProcess -Name flags1 $Argv"
        if ($plain.Error) {
            $plain.Exit | Should -Be 12345 -Because "a refused call ($($plain.Error)) must not run anything"
            "$($plain.Error.FullyQualifiedErrorId)" | Should -Match 'ProgramArgumentTakenAsParameter|Ambiguous|ParameterAlreadyBound|AmbiguousParameterSet|MissingArgument|CannotConvertArgument|ParameterArgumentValidationError|PositionalParameterNotFound|InputObjectNotBound|ContainerNotSpecified'
        } else {
            $plain.Exit | Should -Be 0
            $plain.Out | Should -Be $expected.Out
        }
    }

    It 'grep -v, ls -t and sh -c given back to the program run as written (no --)' {
        if (Skip-WithoutExec) { return }
        $out = Invoke-ContainerProcess -Name flags1 /bin/grep -v root /etc/passwd
        $out | Should -Not -BeNullOrEmpty
        $out | Where-Object { $_ -match '^root:' } | Should -BeNullOrEmpty
        (Invoke-ContainerProcess -Name flags1 /bin/ls -t /bin | Select-Object -First 1) | Should -Not -BeNullOrEmpty
        Invoke-ContainerProcess -Name flags1 /bin/sh -c 'echo $0 $1' x y | Should -Be 'x y'
    }

    It 'a switch given back to the program does not act on the cmdlet (ls -t is not -Tty, -p… is refused)' {
        if (Skip-WithoutExec) { return }
        Invoke-ContainerProcess -Name flags1 /bin/echo -t -Verb | Should -Be '-t -Verb'
    }

    It 'common parameters written in full after the program stay the cmdlet''s' {
        if (Skip-WithoutExec) { return }
        Invoke-ContainerProcess -Name flags1 /bin/sh -c 'echo oops >&2' -ErrorVariable ev -ErrorAction SilentlyContinue
        "$($ev[0])" | Should -Be 'oops'
    }

    It 'an abbreviated common parameter that cannot be given back is a loud error and runs nothing' {
        if (Skip-WithoutExec) { return }
        $r = Invoke-Line "Invoke-ContainerProcess -Name flags1 /bin/touch /tmp/never -ErrorA Stop"
        $r.Error.FullyQualifiedErrorId | Should -BeLike 'ProgramArgumentTakenAsParameter*'
        $r.Error.Exception.Message | Should -Match 'Put -- before the program'
        Invoke-ContainerProcess -Name flags1 /bin/ls /tmp/never -ErrorAction SilentlyContinue
        $LASTEXITCODE | Should -Not -Be 0
    }
}

Describe 'ShouldProcess, Id, stderr and exit status' {
    It '-WhatIf runs nothing (Invoke- and Start-ContainerProcess)' {
        if (Skip-WithoutExec) { return }
        Invoke-ContainerProcess -Name flags1 -WhatIf /bin/touch /tmp/whatif1
        Start-ContainerProcess -Name flags1 -WhatIf /bin/touch /tmp/whatif2 | Should -BeNullOrEmpty
        Invoke-ContainerProcess -Name flags1 /bin/ls /tmp/whatif1 /tmp/whatif2 -ErrorAction SilentlyContinue
        $LASTEXITCODE | Should -Not -Be 0
    }

    It 'ContainerProcess has Id (the host pid): Stop-Process targets that one process' {
        if (Skip-WithoutExec) { return }
        $p = Start-ContainerProcess -Name flags1 /bin/sleep 300
        $p.Id | Should -Be $p.Pid
        $p | Stop-Process -Force
        # SIGKILL is sent at once; the process leaves the list once its parent has reaped it
        Wait-Until { -not (Get-ContainerProcess -Name flags1 | Where-Object Pid -eq $p.Pid) } | Should -BeTrue
    }

    It 'stderr does not stop the process under $ErrorActionPreference = Stop' {
        if (Skip-WithoutExec) { return }
        $ErrorActionPreference = 'Stop'
        $out = Invoke-ContainerProcess -Name flags1 /bin/sh -c 'echo warn >&2; echo after' 2>$null
        $out | Should -Be 'after'
    }

    It 'a non-zero exit makes $? false without an error; with $PSNativeCommandUseErrorActionPreference it is an error' {
        if (Skip-WithoutExec) { return }
        Invoke-ContainerProcess -Name flags1 /bin/sh -c 'exit 3' -ErrorVariable ev
        $ok = $?
        $ok | Should -BeFalse
        $ev | Should -BeNullOrEmpty
        Invoke-ContainerProcess -Name flags1 /bin/true
        $? | Should -BeTrue
        $PSNativeCommandUseErrorActionPreference = $true
        { Invoke-ContainerProcess -Name flags1 /bin/sh -c 'exit 4' -ErrorAction Stop } | Should -Throw -ErrorId 'ProgramExitCode*'
    }
}

Describe 'Ctrl+C under a real terminal (tmux)' {
    BeforeAll {
        $script:Tmux = "lc-pester-$PID"
        # An interactive pwsh on a tmux pty, with the module imported; returns once its prompt is ready.
        function Start-TerminalPwsh([string] $Ready) {
            $init = "`$env:LIBCONTAINER_ROOT='$($script:StateRoot)'; `$env:LIBCONTAINER_BUNDLE_ROOT='$($script:BundleRoot)'; " +
                "Import-Module '$($script:ModulePath)'; Set-Content -Path '$Ready' -Value ready"
            $exe = [Environment]::ProcessPath
            $pwsh = if ((Split-Path -Leaf $exe) -eq 'dotnet') { @($exe, (Join-Path $PSHOME 'pwsh.dll')) } else { @($exe) }
            & tmux -L $script:Tmux new-session -d -s t -x 160 -y 40 @pwsh -NoProfile -NoLogo -NoExit -Command $init
        }
        function Find-ContainerProcess([string] $CommandLine) { Get-ContainerProcess -Name flags1 | Where-Object CommandLine -eq $CommandLine }
    }
    AfterEach { & tmux -L $script:Tmux kill-server 2>$null }

    It 'ends <Line> and gives the prompt back' -ForEach @(
        @{ Line = "Invoke-ContainerProcess -Name flags1 -Interactive -- /bin/sh -i"; Process = '/bin/sh -i' }
        @{ Line = "Invoke-ContainerProcess -Name flags1 -Tty /bin/sleep 1001"; Process = '/bin/sleep 1001' }
        @{ Line = "Invoke-ContainerProcess -Name flags1 /bin/sleep 1002"; Process = '/bin/sleep 1002' }
    ) {
        if (Skip-WithoutExec) { return }
        if (-not (Get-Command tmux -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'tmux is not installed'; return }
        $marker = Join-Path ([IO.Path]::GetTempPath()) "lc-ctrlc-$PID-$(Get-Random)"
        Start-TerminalPwsh "$marker.ready"
        Wait-Until { Test-Path "$marker.ready" } 60 | Should -BeTrue -Because 'pwsh should start on the terminal'
        & tmux -L $script:Tmux send-keys -t t $Line Enter
        Wait-Until { Find-ContainerProcess $Process } 30 | Should -BeTrue -Because "$Process should start"
        & tmux -L $script:Tmux send-keys -t t C-c
        Wait-Until { -not (Find-ContainerProcess $Process) } 30 | Should -BeTrue -Because 'Ctrl+C ends the container process'
        & tmux -L $script:Tmux send-keys -t t "Set-Content -Path '$marker' -Value back" Enter
        Wait-Until { Test-Path $marker } 30 | Should -BeTrue -Because 'the prompt is PowerShell''s again'
        Remove-Item $marker, "$marker.ready"
    }
}

Describe 'Access denied and Core''s update path' {
    It 'a state root this user cannot read is AccessDenied (PermissionDenied), not "no container found"' {
        if (-not (Get-Command setpriv -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'setpriv is not installed'; return }
        $root = Join-Path $script:StateRoot '../denied'
        New-Item -ItemType Directory -Force (Join-Path $root 'c1') | Out-Null
        & chown -R 12345 $root; & chmod 700 $root
        # root without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH reads like any other user
        $exe = [Environment]::ProcessPath
        $pwsh = if ((Split-Path -Leaf $exe) -eq 'dotnet') { @($exe, (Join-Path $PSHOME 'pwsh.dll')) } else { @($exe) }
        $cmd = "`$env:LIBCONTAINER_ROOT = '$root'; Import-Module '$($script:ModulePath)'; Get-Container -Name web1 -ErrorVariable ev -ErrorAction SilentlyContinue; " +
            "`$ev[0].FullyQualifiedErrorId; `$ev[0].CategoryInfo.Category; `$ev[0].Exception.Message"
        $out = & setpriv --bounding-set=-dac_override,-dac_read_search --inh-caps=-dac_override,-dac_read_search @pwsh -NoProfile -NonInteractive -Command $cmd
        Remove-Item -Recurse -Force $root
        $out[0] | Should -BeLike 'AccessDenied,*'
        $out[1] | Should -Be 'PermissionDenied'
        $out[2] | Should -Match 'denied'
    }

    It 'Set-Container merges limits and keeps the default device rules, as nsinit update does' {
        if (Skip-WithoutExec) { return }
        Set-Container -Name flags1 -MemoryLimit 96MB
        Set-Container -Name flags1 -Resources ([LibContainer.Config.LinuxResources]@{ Cpu = @{ Shares = 512 }; Devices = @(@{ Allow = $false; Access = 'rwm' }) })
        (Get-Container flags1).MemoryLimit | Should -Be 96MB
        (Get-Container flags1).Config.Linux.Resources.Cpu.Shares | Should -Be 512
        Invoke-ContainerProcess -Name flags1 /bin/sh -c 'echo x > /dev/null && echo null-ok' | Should -Be 'null-ok'
    }
}
