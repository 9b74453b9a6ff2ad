using VmQuest.Cli;

namespace VmQuest.Tests.Game.Cli;

/// <summary>Runs the vmquest command tree in-process and captures both streams.</summary>
internal static class CliRunner
{
    public static (int Status, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int status = VmQuestCommandLine.Run(args, output, error);
        return (status, output.ToString(), error.ToString());
    }
}
