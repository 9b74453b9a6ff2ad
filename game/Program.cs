using VmQuest.Cli;

namespace VmQuest;

/// <summary>Entry point of the <c>vmquest</c> executable; returns the command's exit status.</summary>
internal static class Program
{
    /// <summary>Exit status for a defect in VmQuest itself (sysexits' EX_SOFTWARE), never for bad input.</summary>
    private const int InternalError = 70;

    // SDL must stay on the main thread, so Main is synchronous (DESIGN.md §1).
    private static int Main(string[] args)
    {
        try
        {
            return VmQuestCommandLine.Run(args, Console.Out, Console.Error, allowWindow: true);
        }
#pragma warning disable CA1031 // The last line of defence: whatever escaped a command is reported in one line.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A defect, not bad input: one line for the user, the whole trace only when asked for.
            Console.Error.WriteLine($"vmquest: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} (please report it; VMQUEST_DEBUG=1 shows the stack trace)");
            if (Environment.GetEnvironmentVariable("VMQUEST_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return InternalError;
        }
    }
}
