using VmQuest.Cli;

namespace VmQuest;

/// <summary>Entry point of the <c>vmquest</c> executable; returns the command's exit status.</summary>
internal static class Program
{
    // SDL must stay on the main thread, so Main is synchronous (DESIGN.md §1).
    private static int Main(string[] args) => VmQuestCommandLine.Run(args, Console.Out, Console.Error, allowWindow: true);
}
