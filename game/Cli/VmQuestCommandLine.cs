using System.CommandLine;

namespace VmQuest.Cli;

/// <summary>
/// Builds the <c>vmquest</c> command tree in one place, so <c>--help</c> lists exactly the subcommands
/// that exist, and runs it with the given output streams (tests pass their own writers).
/// </summary>
internal static class VmQuestCommandLine
{
    /// <summary>The one-line description shown at the top of <c>vmquest --help</c>.</summary>
    public const string Description =
        "VmQuest: a game that teaches the Linux virtual-memory system. You are the kernel.";

    /// <summary>Creates the root command with every registered subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(Description);
        root.Subcommands.Add(RenderTestCommandFactory.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit status (0 on success).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var config = new InvocationConfiguration { Output = output, Error = error };
        return Build().Parse(args).Invoke(config);
    }
}
