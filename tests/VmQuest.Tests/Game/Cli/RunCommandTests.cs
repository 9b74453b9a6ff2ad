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
    public void Run_ForkCow_CountsTheCopyAsMinorLikeGetrusageWithTheKindsBeside_Issue11()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("fork-cow.vmw"), "--quiet");

        Assert.Equal(0, status);
        Assert.Contains("2 faults (2 minor, 0 major, 1 COW copy)", output, StringComparison.Ordinal);
        Assert.Contains("faults by kind: 1 demand-zero, 1 COW copy\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("pid 1 (fork-cow) exited with status 0; minflt 1, majflt 0", output, StringComparison.Ordinal);
        Assert.Contains("pid 2 (fork-cow) exited with status 0; minflt 1, majflt 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ForkCowJson_PerProcessMinfltAndFaultsByKind_Issue11()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("fork-cow.vmw"), "--json");

        Assert.Equal(0, status);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(2, root.GetProperty("minorFaults").GetInt32());
        Assert.Equal(0, root.GetProperty("failedFaults").GetInt32());
        var kinds = root.GetProperty("faultsByKind");
        Assert.Equal((1, 1, 0), (kinds.GetProperty("demandZero").GetInt32(), kinds.GetProperty("cowCopy").GetInt32(), kinds.GetProperty("swapIn").GetInt32()));
        var child = root.GetProperty("processes").EnumerateArray().Single(p => p.GetProperty("pid").GetInt32() == 2);
        Assert.Equal((1, 0), (child.GetProperty("minorFaults").GetInt32(), child.GetProperty("majorFaults").GetInt32()));
    }

    [Fact]
    public void Run_StringLiteralWriteJson_TheFailedFaultIsNeitherMinorNorMajor_Issue11()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("string-literal-write.vmw"), "--json");

        Assert.Equal(0, status);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("failedFaults").GetInt32());
        Assert.Equal(1, root.GetProperty("faultsByKind").GetProperty("segvWriteProtected").GetInt32());
        Assert.Equal(root.GetProperty("faults").GetInt32() - 1, root.GetProperty("minorFaults").GetInt32() + root.GetProperty("majorFaults").GetInt32());
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
    public void Run_MapsStatement_NarratesTheMapsLinesAndListsThemInJson()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("vma-split-merge.vmw"));
        var (jsonStatus, json, _) = CliRunner.Run("run", Sample("vma-split-merge.vmw"), "--json");

        Assert.Equal((0, 0), (status, jsonStatus));
        Assert.Contains("line 6: maps\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Matches(@"\n[0-9a-f]{8,}-[0-9a-f]{8,} r--p 00000000 00:00 0 \n", output.ReplaceLineEndings("\n"));
        using var document = JsonDocument.Parse(json);
        var maps = document.RootElement.GetProperty("maps");
        Assert.Equal(4, maps.GetArrayLength());
        Assert.Equal(6, maps[0].GetProperty("line").GetInt32());
        Assert.Contains("[heap]\n", maps[3].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoMapsStatement_JsonHasNoMapsKey()
    {
        var (_, json, _) = CliRunner.Run("run", Sample("thrash.vmw"), "--json");

        using var document = JsonDocument.Parse(json);
        Assert.False(document.RootElement.TryGetProperty("maps", out _));
    }

    [Fact]
    public void Run_StringLiteralWrite_ReportsSigsegv()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("string-literal-write.vmw"), "--quiet");
        Assert.Equal(0, status);
        Assert.Contains("killed by signal 11 (SIGSEGV), si_code SEGV_ACCERR, si_addr 0x402000;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_StringLiteralWriteJson_GivesTheSiginfo()
    {
        var (_, json, _) = CliRunner.Run("run", Sample("string-literal-write.vmw"), "--json");

        using var document = JsonDocument.Parse(json);
        var process = document.RootElement.GetProperty("processes")[0];
        Assert.Equal(11, process.GetProperty("signal").GetInt32());
        Assert.Equal(2, process.GetProperty("signalCode").GetInt32());
        Assert.Equal("0x402000", process.GetProperty("signalAddress").GetString());
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

public class RunCommandLimitsTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "content", "workloads", name);

    private static string Program(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-run-{Guid.NewGuid():N}.vmw");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Run_EndlessRepeat_StopsAtMaxStepsWithOneErrorLineAndExit1_Issue8()
    {
        var path = Program("repeat 9223372036854775807\n  read stack\nend\n");
        try
        {
            var (status, output, error) = CliRunner.Run("run", path, "--quiet", "--max-steps", "2000");

            Assert.Equal(1, status);
            Assert.Contains("2000 steps", output, StringComparison.Ordinal);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("--max-steps", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_ImplicitExit_NarratedAsEndOfProgramNotLineZero_Issue8()
    {
        var (status, output, _) = CliRunner.Run("run", Sample("hello-heap.vmw"));
        Assert.Equal(0, status);
        Assert.DoesNotContain("line 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PolicyOpt_RunsTwiceAndFaultsNoMoreThanLru_Issue8()
    {
        long Faults(string policy)
        {
            var (status, output, error) = CliRunner.Run("run", Sample("thrash.vmw"), "--user-frames", "16", "--policy", policy, "--json");
            Assert.True(status == 0, error);
            using var json = System.Text.Json.JsonDocument.Parse(output);
            Assert.Equal(policy, json.RootElement.GetProperty("policy").GetString());
            return json.RootElement.GetProperty("faults").GetInt64();
        }

        Assert.True(Faults("opt") < Faults("lru"));
        Faults("mru");

        // Several processes: the passes converge on a schedule that follows its own recording.
        var (status, output, _) = CliRunner.Run("run", Sample("thrash.vmw"), Sample("fork-cow.vmw"), Sample("hello-heap.vmw"), "--user-frames", "8", "--policy", "opt", "--quiet");
        Assert.Equal(0, status);
        Assert.DoesNotContain("opt: this run referenced other pages", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TraceAndRun_UnknownPolicy_SameOneLineError_Issue8()
    {
        var refs = Program("1\n2\n");
        try
        {
            var run = CliRunner.Run("run", Sample("hello-heap.vmw"), "--policy", "lfu");
            var trace = CliRunner.Run("trace", refs, "--format", "refs", "--policy", "lfu");

            Assert.Equal(run.Error.Replace("run", "", StringComparison.Ordinal), trace.Error.Replace("trace", "", StringComparison.Ordinal));
            Assert.Contains("fifo, lru, clock, random, opt, mru", run.Error, StringComparison.Ordinal);
            Assert.Equal(0, CliRunner.Run("trace", refs, "--format", "refs", "--policy", "mru").Status);
        }
        finally
        {
            File.Delete(refs);
        }
    }

    [Fact]
    public void Run_OldFramesOption_IsNotAcceptedAnyMore_Issue8()
    {
        var (status, _, _) = CliRunner.Run("run", Sample("hello-heap.vmw"), "--frames", "4");
        Assert.NotEqual(0, status);
    }
}

/// <summary>Issue 8: runaway programs end with one line and exit 1 under a CPU-time rlimit and a heap ceiling.</summary>
public class RunCommandCeilingTests
{
    private const int CpuSeconds = 20;
    private const long HeapBytes = 300L << 20;

    [Theory]
    [InlineData("repeat 100000\n  fork\nend\n")]
    [InlineData("repeat 20\n  fork\nend\n")]
    [InlineData("repeat 9223372036854775807\n  read stack\nend\n")]
    [InlineData("sleep 9223372036854775807\nsleep 9223372036854775807\nrepeat 9223372036854775807\n  sleep 9223372036854775807\nend\n")]
    [InlineData("malloc big 60M\nfor i in 0..15360\n  write big + i*4K = i\nend\nfork\nfork\nfor i in 0..15360\n  write big + i*4K = i\nend\n")]
    public void Run_RunawayProgram_EndsWithinTheCeilings_Issue8(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-runaway-{Guid.NewGuid():N}.vmw");
        File.WriteAllText(path, text);
        try
        {
            var run = CeilingRunner.Run(Path.GetTempPath(), CpuSeconds, HeapBytes, "run", path, "--quiet");
            var (status, output, error) = (run.Status, run.Output, run.Error);
            Assert.True(run.PeakRssKiB < 400 * 1024, $"peak RSS {run.PeakRssKiB} KiB");

            Assert.True(status is 0 or 1, $"exit {status}: {error}");
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.True(error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 1, error);
            Assert.Contains(" steps,", output, StringComparison.Ordinal);
            Assert.DoesNotContain("-", output.Split('\n')[0], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
