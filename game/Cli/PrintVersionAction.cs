using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace VmQuest.Cli;

/// <summary>
/// Prints VmQuest's own version (the <c>vmquest</c> assembly's informational version, with the source
/// revision), whichever process hosts the command line — the default action prints the entry assembly's.
/// </summary>
internal sealed class PrintVersionAction : SynchronousCommandLineAction
{
    /// <summary>The version text, e.g. <c>0.1.0+b2e7f51…</c>.</summary>
    public static string Text { get; } =
        typeof(PrintVersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(PrintVersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(Text);
        return 0;
    }
}
