using System.Management.Automation;

namespace LibContainer.PowerShell;

/// <summary>A network parameter the cmdlet cannot use; carries its own error id and category (ErrorMapper).</summary>
public sealed class NetworkParameterException : ArgumentException
{
    internal NetworkParameterException(string errorId, ErrorCategory category, string parameter, string message, string action)
        : base(message, parameter)
    {
        ErrorId = errorId;
        Category = category;
        RecommendedAction = action;
    }

    public string ErrorId { get; }
    public ErrorCategory Category { get; }
    public string RecommendedAction { get; }

    /// <summary>ArgumentException appends "(Parameter 'x')"; the message already names the parameter.</summary>
    public override string Message => base.Message.Split(" (Parameter '", 2)[0];
}
