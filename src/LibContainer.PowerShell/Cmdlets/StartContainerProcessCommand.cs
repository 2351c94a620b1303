using System.Management.Automation;
using LibContainer.PowerShell.Runtime;

namespace LibContainer.PowerShell.Commands;

/// <summary>Start-ContainerProcess: starts a detached process in a container and emits it.</summary>
[Cmdlet(VerbsLifecycle.Start, "ContainerProcess", DefaultParameterSetName = ContainerResolver.NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerProcess))]
public sealed class StartContainerProcessCommand : ContainerProcessCmdletBase
{
    protected override void Run(Container c)
    {
        var processFile = WriteProcessFile(c, terminal: false);
        var pidFile = processFile + ".pid";
        try
        {
            var log = c.ManagedBundle ? Path.Combine(c.Bundle, "console.log") : "/dev/null";
            NsinitDetached.Run(c.StateRoot, ["exec", "--detach", "--pid-file", pidFile, "--process", processFile, c.Id], log, c.Id, Cancel);
            var pid = int.Parse(File.ReadAllText(pidFile).Trim());
            WriteObject(ContainerProcesses.Describe(c, pid) ?? new ContainerProcess
            {
                ContainerName = c.Name, ContainerId = c.Id, Pid = pid, ProcessName = Path.GetFileName(Argv[0]),
                CommandLine = string.Join(' ', Argv), StateCode = 'X',
            });
        }
        finally
        {
            File.Delete(processFile);
            File.Delete(pidFile);
        }
    }
}
