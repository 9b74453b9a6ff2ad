using System.Text.Json;

namespace VmQuest.Tests.Game.Cli;

public class RunCommandTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "content", "workloads", name);

    [Fact]
    public void Run_ForkCow_NarratesTheCopyAndBothProcessesExit()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("fork-cow.vmw"));

        Assert.Equal(0, status);
        Assert.Contains("write 0x405000 = 2 -> 0x2  (copy-on-write: page copied)", output, StringComparison.Ordinal);
        Assert.Contains("pid 1 (fork-cow) exited with status 0", output, StringComparison.Ordinal);
        Assert.Contains("pid 2 (fork-cow) exited with status 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ThrashJson_FifoWithFewFramesEvictsEveryPass()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("thrash.vmw"), "--user-frames", "16", "--policy", "fifo", "--json");

        Assert.Equal(0, status);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(256, root.GetProperty("faults").GetInt32());
        Assert.Equal(240, root.GetProperty("evictions").GetInt32());
        Assert.Equal(0, root.GetProperty("processes")[0].GetProperty("signal").GetInt32());
    }

    [Fact]
    public void Run_StringLiteralWrite_ReportsSigsegv()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("string-literal-write.vmw"), "--quiet");
        Assert.Equal(0, status);
        Assert.Contains("killed by signal 11", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BadProgram_OneLineErrorWithFileLineColumn()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "malloc x 4K\nwrite x +\n");
            var (status, output, error) = CliRunner.Run("run", path);
            Assert.Equal(1, status);
            Assert.Equal("", output);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"{path}:2:", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--user-frames", "0")]
    [InlineData("--policy", "lifo")]
    public void Run_BadOption_Rejected(string option, string value)
    {
        var (status, _, error) = CliRunner.Run("run", Sample("hello-heap.vmw"), option, value);
        Assert.NotEqual(0, status);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
