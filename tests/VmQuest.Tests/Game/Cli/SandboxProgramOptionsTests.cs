using System.Globalization;

namespace VmQuest.Tests.Game.Cli;

/// <summary><c>vmquest sandbox --exec / --workload / --trace / --pid / --maps</c>: what runs, or one line saying why not.</summary>
public sealed class SandboxProgramOptionsTests
{
    [Fact]
    public void Sandbox_Exec_TheProcessesExecThatElfWithItsArguments()
    {
        var (status, output, error) = CliRunner.Run("sandbox", "--frames", "256", "--exec", "/bin/true", "--inspect", "pid", "1", "--after-ticks", "5");

        Assert.True(status == 0, error);
        Assert.Contains("Name = \"true\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sandbox_MapsOfThisProcess_ImportsItsOwnAddressSpace()
    {
        var (status, output, error) = CliRunner.Run("sandbox", "--frames", "256", "--maps", "/proc/self/maps", "--processes", "1", "--inspect", "pid", "1", "--after-ticks", "5");

        Assert.True(status == 0, error);
        Assert.Contains("ProcessInfo", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sandbox_PidOfThisProcess_ImportsItsAddressSpaceNamedAfterItsProgram()
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var program = Path.GetFileName(Environment.ProcessPath!);
        var (status, output, error) = CliRunner.Run("sandbox", "--frames", "256", "--pid", self, "--processes", "1", "--inspect", "pid", "1");

        Assert.True(status == 0, error);
        Assert.Contains($"Name = \"{(program.Length > 15 ? program[..15] : program)}\"", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--exec", "/bin/true", "--maps", "/proc/self/maps" }, "vmquest: give one of --exec, --workload, --trace, --pid or --maps, not --exec and --maps")]
    [InlineData(new[] { "--exec", "/etc/hostname" }, "vmquest: /etc/hostname: ")]
    [InlineData(new[] { "--maps", "/nonexistent/maps" }, "vmquest: /nonexistent/maps: ")]
    [InlineData(new[] { "--frames", "32", "--exec", "/bin/true" }, "vmquest: --exec runs an x86-64 program: it needs a machine with an x86-64 address space (x86-64 or x86-64-la57) and at least 64 frames, not x86-64 with 32")]
    [InlineData(new[] { "--machine", "i386", "--maps", "/proc/self/maps" }, "vmquest: --maps runs an x86-64 program")]
    [InlineData(new[] { "stray" }, "vmquest: unexpected argument 'stray' (program arguments follow --exec FILE)")]
    public void Sandbox_BadProgram_OneLineExitOne(string[] flags, string expected)
    {
        var (status, _, error) = CliRunner.Run(["sandbox", .. flags, "--inspect", "pid", "1"]);

        Assert.Equal(1, status);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Sandbox_BadWorkload_TheParsersLineNamingFileAndLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-bad-{Guid.NewGuid():N}.vmw");
        File.WriteAllText(path, "malloc a 8K\nfrobnicate a\n");
        try
        {
            var (status, _, error) = CliRunner.Run("sandbox", "--workload", path, "--inspect", "pid", "1");

            Assert.Equal(1, status);
            Assert.StartsWith($"vmquest: {path}:2:", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sandbox_ExecArgumentsAfterDoubleDash_MayStartWithADash()
    {
        var (status, _, error) = CliRunner.Run("sandbox", "--frames", "256", "--exec", "/bin/ls", "--inspect", "pid", "1", "--", "-la");

        Assert.True(status == 0, error);
    }
}
