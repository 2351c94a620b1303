using System.Management.Automation;
using System.Reflection;

namespace LibContainer.PowerShell.Runtime;

/// <summary>
/// What PowerShell 7.4+ does for a native command, done for a program run in a container: its stderr lines are
/// non-terminating even under $ErrorActionPreference = 'Stop'; a non-zero exit sets $? to false and, when
/// $PSNativeCommandUseErrorActionPreference is $true, is an error (ProgramExitCode) that follows -ErrorAction.
/// </summary>
internal static class NativeExitStatus
{
    /// <summary>One stderr line: an error record (ContainerProcessOutput), or straight to the host when the error
    /// preference would make the record stop the cmdlet (a native command's stderr never does).</summary>
    public static void WriteStderr(PSCmdlet cmdlet, string text, Container c)
    {
        if (Preference(cmdlet) is ActionPreference.Stop or ActionPreference.Inquire)
        {
            cmdlet.Host.UI.WriteErrorLine(text);
            return;
        }
        cmdlet.WriteError(new ErrorRecord(new RemoteException(text), ErrorIds.ContainerProcessOutput, ErrorCategory.NotSpecified, c));
    }

    public static void Report(PSCmdlet cmdlet, string program, int exitCode, Container c)
    {
        if (LanguagePrimitives.IsTrue(cmdlet.SessionState.PSVariable.GetValue("PSNativeCommandUseErrorActionPreference")))
        {
            var e = new ContainerException(ContainerErrorKind.SystemError,
                $"Program \"{program}\" in container '{c.Name}' ended with non-zero exit code: {exitCode}.", c.Id);
            cmdlet.WriteError(new ErrorRecord(e, ErrorIds.ProgramExitCode, ErrorCategory.NotSpecified, c));
            return;
        }
        MarkFailed(cmdlet.CommandRuntime);
    }

    private static ActionPreference Preference(PSCmdlet cmdlet) =>
        cmdlet.MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) && LanguagePrimitives.TryConvertTo<ActionPreference>(bound, out var given)
            ? given
            : LanguagePrimitives.TryConvertTo<ActionPreference>(cmdlet.SessionState.PSVariable.GetValue("ErrorActionPreference"), out var pref)
                ? pref : ActionPreference.Continue;

    /// <summary>$? false without an error record, as PowerShell's native command processor does
    /// (PipelineProcessor.ExecutionFailed; no public API exists for a cmdlet).</summary>
    private static void MarkFailed(ICommandRuntime runtime)
    {
        const BindingFlags Any = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var pipeline = runtime.GetType().GetProperty("PipelineProcessor", Any)?.GetValue(runtime);
        pipeline?.GetType().GetProperty("ExecutionFailed", Any)?.SetValue(pipeline, true);
    }
}
