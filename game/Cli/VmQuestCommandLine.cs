using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

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

    /// <summary>
    /// Creates the root command with every registered subcommand. <paramref name="allowWindow"/> lets a bare
    /// <c>vmquest</c> open the game's title screen (<c>vmquest play</c>) when a display exists (the executable);
    /// in-process callers (tests) get the help.
    /// </summary>
    public static RootCommand Build(bool allowWindow = false)
    {
        var root = new RootCommand(Description)
        {
            TranslateCommand.Create(),
            OstepCommand.Create(),
            MapsCommand.Create(),
            TraceCommand.Create(),
            RunCommand.Create(),
            RenderTestCommandFactory.Create(),
            SandboxCommandFactory.Create(),
            BenchCommandFactory.Create(),
            LevelsCommand.Create(),
            RecordsCommand.Create(),
            SplitsCommand.Create(),
            VerifyCommand.Create(),
            ReplayCommand.Create(),
            PlayCommand.Create(),
            DailyCommand.Create(),
            AssignCommand.Create(),
            GradeCommand.Create(),
        };

        // A bare `vmquest` opens the game (the title screen) where there is a display to open it on, and explains
        // itself (the help) where there is none, e.g. over ssh or in CI.
        root.SetAction(parseResult =>
        {
            if (allowWindow && HasDisplay())
            {
                return root.Parse(["play"]).Invoke(parseResult.InvocationConfiguration);
            }

            if (allowWindow)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(
                    "vmquest: no display (DISPLAY and WAYLAND_DISPLAY are unset), so no window: here is the help. "
                    + "'vmquest play --screenshot title.png' draws the title screen without a display.");
            }

            return new HelpAction().Invoke(parseResult);
        });
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersionAction();
        }

        return root;
    }

    private static bool HasDisplay() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));

    /// <summary>Exit status for a command line that does not parse.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Parses and runs <paramref name="args"/>; returns the exit status (0 on success). A command line that
    /// does not parse gets one line per problem on <paramref name="error"/> and <see cref="UsageError"/>,
    /// not a page of help.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool allowWindow = false)
    {
        ArgumentNullException.ThrowIfNull(error);
        var parsed = Build(allowWindow).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line: the problem that names what the user typed, else the first; the others follow from it.
            error.WriteLine($"vmquest: {UsageErrorText.Describe(UsageErrorText.MostSpecific(parsed.Errors))} (see 'vmquest {CommandPath(parsed)}--help')");

            return UsageError;
        }

        if (UsageErrorText.UnknownOption(parsed) is { } unknown)
        {
            error.WriteLine($"vmquest: unknown option '{unknown}' (see 'vmquest {CommandPath(parsed)}--help')");
            return UsageError;
        }

        // Exceptions reach the caller (Program turns an unexpected one into one line), never System.CommandLine's
        // default handler, which prints a stack trace.
        return CommandGuard.Run(error, () =>
            parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }));
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? "" : string.Join(' ', names) + " ";
    }
}
