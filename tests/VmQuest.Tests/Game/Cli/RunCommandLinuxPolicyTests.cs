using System.Text.Json;

namespace VmQuest.Tests.Game.Cli;

/// <summary><c>vmquest run --policy linux</c>: the watermarks and reclaim's /proc/vmstat counters; nothing new under the textbook policies.</summary>
public class RunCommandLinuxPolicyTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "content", "workloads", name);

    [Fact]
    public void Run_ThrashUnderLinux_PrintsTheWatermarksAndVmstat()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("thrash.vmw"), "--policy", "linux", "--user-frames", "16", "--quiet");

        Assert.Equal(0, status);
        Assert.Contains("watermarks min 256, low 320, high 384 pages of 16384 (min_free_kbytes 1024)", output, StringComparison.Ordinal);
        Assert.Contains("vmstat nr_vmscan_write ", output, StringComparison.Ordinal);
        Assert.Contains("(linux)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ThrashJsonUnderLinux_CountsScansStealsAndSwapWrites()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("thrash.vmw"), "--policy", "linux", "--user-frames", "16", "--json");

        Assert.Equal(0, status);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var vmstat = root.GetProperty("vmstat");
        var evictions = root.GetProperty("evictions").GetInt64();
        Assert.True(evictions > 0);
        Assert.Equal(evictions, vmstat.GetProperty("pgsteal_direct").GetInt64() + vmstat.GetProperty("pgsteal_kswapd").GetInt64());
        Assert.True(vmstat.GetProperty("pgscan_direct").GetInt64() >= evictions);
        Assert.Equal(vmstat.GetProperty("pswpout").GetInt64(), vmstat.GetProperty("nr_vmscan_write").GetInt64());
        Assert.Equal(256, root.GetProperty("watermarks").GetProperty("min").GetInt64());
        Assert.True(root.GetProperty("watermarks").GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("lru")]
    [InlineData("fifo")]
    public void Run_ThrashJsonUnderATextbookPolicy_NoVmstatOrWatermarks(string policy)
    {
        var (status, output, _) = CliRunner.Run("run", Sample("thrash.vmw"), "--policy", policy, "--user-frames", "16", "--json");

        Assert.Equal(0, status);
        using var document = JsonDocument.Parse(output);
        Assert.False(document.RootElement.TryGetProperty("vmstat", out _));
        Assert.False(document.RootElement.TryGetProperty("watermarks", out _));
    }

    [Fact]
    public void Run_UnknownPolicy_ListsLinuxAmongTheChoices()
    {
        var (status, _, error) = CliRunner.Run("run", Sample("thrash.vmw"), "--policy", "linus");

        Assert.NotEqual(0, status);
        Assert.Contains("linux", error, StringComparison.Ordinal);
    }
}
