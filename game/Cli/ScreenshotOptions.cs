using System.CommandLine;
using VmQuest.Engine.Formats.Output;

namespace VmQuest.Cli;

/// <summary>
/// The <c>--screenshot FILE [--after-ticks N]</c> pair every windowed command offers (DESIGN.md §8): render
/// headless with the offscreen driver after N simulation ticks, save a PNG, exit.
/// </summary>
internal sealed class ScreenshotOptions
{
    /// <summary>
    /// Most ticks <c>--after-ticks</c> accepts. A sandbox run is over after a few thousand ticks and a finished run
    /// ticks for free, so this bounds the work of one screenshot to a few seconds at any machine size.
    /// </summary>
    public const long MaxAfterTicks = 1_000_000;

    /// <summary>Creates the two options (not yet attached to a command).</summary>
    public ScreenshotOptions()
    {
        Screenshot = new Option<FileInfo>("--screenshot")
        {
            Description = "Render without a window, save the frame as a PNG to FILE and exit.",
            HelpName = "FILE",
        };
        AfterTicks = new Option<long>("--after-ticks")
        {
            Description = "With --screenshot: run this many simulation ticks first (0 to 1000000).",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        AfterTicks.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() is < 0 or > MaxAfterTicks)
            {
                result.AddError($"--after-ticks must be between 0 and {MaxAfterTicks}.");
            }
        });
    }

    /// <summary><c>--screenshot FILE</c>.</summary>
    public Option<FileInfo> Screenshot { get; }

    /// <summary><c>--after-ticks N</c> (default 0).</summary>
    public Option<long> AfterTicks { get; }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Screenshot);
        command.Options.Add(AfterTicks);
    }

    /// <summary>The parsed request: a file path and tick count, or <c>null</c> for an interactive run.</summary>
    public (string Path, long AfterTicks)? Parse(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var file = parseResult.GetValue(Screenshot);
        if (file is null)
        {
            return null;
        }

        // Refuse a device, directory or pipe before any simulation runs, not after it.
        AtomicFile.CheckWritable(file.FullName);
        return (file.FullName, parseResult.GetValue(AfterTicks));
    }
}
