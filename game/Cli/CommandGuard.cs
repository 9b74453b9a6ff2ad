using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Output;
using VmQuest.Records;

namespace VmQuest.Cli;

/// <summary>
/// Runs a command body and turns expected input errors into one line on the error stream and exit status 1,
/// so no stack trace reaches the user for bad files or arguments. The line is the project's one error style,
/// <c>vmquest: FILE:LINE:COL: what was expected</c> (the message carries the position).
/// </summary>
internal static class CommandGuard
{
    /// <summary>Exit status for bad input.</summary>
    public const int InputError = 1;

    /// <summary>
    /// Runs <paramref name="body"/>. <see cref="VmQuestCommandLine.Run"/> wraps every command in it, so a command
    /// needs it itself only to report on its own writer before returning.
    /// </summary>
    public static int Run(TextWriter error, Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (Exception e) when (e is UserInputException or FormatParseException or OutputFileException or RecordsException)
        {
            error.WriteLine($"vmquest: {e.Message}");
            return InputError;
        }
    }
}
