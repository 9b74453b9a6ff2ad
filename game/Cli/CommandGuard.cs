using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Output;
using VmQuest.Engine.Machine;
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

    public static int Run(string command, TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is InputFileException or UserInputException or FormatParseException or OutputFileException or RecordsException)
        {
            error.WriteLine($"vmquest: {e.Message}");
            return InputError;
        }
    }
}
