using VmQuest.Levels.Model;

namespace VmQuest.Tests.Game.Levels;

/// <summary>One valid sample level per mechanic loads into the model the mechanics will use.</summary>
public class LevelSampleTests
{
    [Theory]
    [InlineData("translate", Mechanic.Translate)]
    [InlineData("fault-action", Mechanic.FaultAction)]
    [InlineData("victim", Mechanic.Victim)]
    [InlineData("permissions", Mechanic.Permissions)]
    [InlineData("schedule", Mechanic.Schedule)]
    [InlineData("elf-layout", Mechanic.ElfLayout)]
    [InlineData("policy", Mechanic.Policy)]
    public void Load_SampleOfEachMechanic_LoadsWithItsMechanicAndAHash(string sample, Mechanic mechanic)
    {
        var level = LevelSamples.Load(sample);

        Assert.Equal("sample-" + sample, level.Id);
        Assert.Equal([mechanic], level.Player.Mechanics);
        Assert.InRange(level.Metrics.Count, 3, 4);
        Assert.NotEmpty(level.Optimum);
        Assert.Matches("^[0-9a-f]{64}$", level.Hash);
        Assert.False(string.IsNullOrWhiteSpace(level.Title.ZhHans));
    }

    [Fact]
    public void Load_Translate_ReadsTheMachineFileFromItsFolder()
    {
        var level = LevelSamples.Load("translate");

        Assert.Equal(LevelMachineSource.File, level.Machine.Source);
        Assert.Equal("tiny", level.Machine.Name);
        Assert.Equal(32UL, level.Machine.Description.PageSize);
        Assert.Equal("tiny.yaml", level.Machine.File!.RelativePath);
        Assert.Equal(new TranslationsGoal(2), Assert.Single(level.Goals));
        Assert.Equal(new LevelOptimum(MetricKind.Actions, OptimumKind.MinActions, null), Assert.Single(level.Optimum));
        // The machine's own TLB is the default when the level gives none.
        Assert.Equal((8, 8, false), (level.Kernel.TlbEntries, level.Kernel.TlbWays, level.Kernel.Pcid));
    }

    [Fact]
    public void Load_FaultAction_HasFramePlacementAndAnInlineProgram()
    {
        var level = LevelSamples.Load("fault-action");

        Assert.True(level.Player.FramePlacement);
        var process = Assert.Single(level.Processes);
        Assert.Equal(LevelProcessKind.InlineProgram, process.Kind);
        Assert.StartsWith("malloc counter 4K\nwrite counter = 1\n", process.ProgramText, StringComparison.Ordinal);
        Assert.NotNull(process.Program);
        Assert.Equal(2, level.Version);
        Assert.Equal(8, level.Frames);
        Assert.Equal(new AllProcessesExitGoal(0), Assert.Single(level.Goals));
    }

    [Fact]
    public void Load_Victim_ReadsTheTraceFileAndKernelPolicy()
    {
        var level = LevelSamples.Load("victim");

        var trace = Assert.Single(level.Traces);
        Assert.Equal(LevelTraceFormat.Refs, trace.Format);
        Assert.Equal("belady.refs", trace.File!.RelativePath);
        Assert.Equal("fifo", level.Kernel.Policy);
        Assert.Equal(3, level.Frames);
        Assert.Equal(65_536, level.Kernel.SwapSlots);
        Assert.Equal(8, level.ParOf(MetricKind.Faults));
        Assert.Null(level.ParOf(MetricKind.TlbMisses));
        Assert.Equal(new TraceCompletesGoal("belady"), Assert.Single(level.Goals));
    }

    [Fact]
    public void Load_Permissions_ReadsAProgramFileAndTheAttackLine()
    {
        var level = LevelSamples.Load("permissions");

        Assert.Equal(LevelProcessKind.ProgramFile, level.Process("server")!.Kind);
        Assert.Equal(LevelProcessKind.InlineProgram, level.Process("attacker")!.Kind);
        Assert.Equal<LevelGoal>([new ProcessExitsGoal("server", 0), new ProcessKilledGoal("attacker", "SIGSEGV", 3)], level.Goals);
        Assert.Equal(["server.vmw"], level.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public void Load_Schedule_ReadsKernelOptions()
    {
        var level = LevelSamples.Load("schedule");

        Assert.Equal(new LevelKernel("lru", 16, 4, false, 65_536, 50_000), level.Kernel);
        Assert.Equal(["left", "right"], level.Processes.Select(p => p.Name));
    }

    [Fact]
    public void Load_ElfLayout_ReadsTheStaticElfAndItsArgs()
    {
        var level = LevelSamples.Load("elf-layout");

        var process = Assert.Single(level.Processes);
        Assert.Equal(LevelProcessKind.Elf, process.Kind);
        Assert.Equal("hello.elf", process.Elf!.RelativePath);
        Assert.Equal(["counting"], process.Args);
        Assert.Equal(new LayoutMatchesGoal("hello"), Assert.Single(level.Goals));
    }

    [Fact]
    public void Load_Policy_ReadsTheInlineMachineGeneratorAndHiddenTests()
    {
        var level = LevelSamples.Load("policy");

        Assert.Equal(LevelMachineSource.Inline, level.Machine.Source);
        Assert.Equal("small-x86", level.Machine.Name);
        Assert.Equal(1UL << 20, level.Machine.Description.PhysicalMemoryBytes);
        var trace = Assert.Single(level.Traces);
        Assert.Equal(new TraceGeneratorSpec(TraceGeneratorKind.Locality, 200, 12, 20, 3, 85, 0, 0), trace.Generator);
        Assert.Equal(42UL, trace.Seed);
        Assert.Equal(new LevelHiddenTests(8, new TraceGeneratorSpec(TraceGeneratorKind.Locality, 200, 12, 20, 3, 85, 0, 0), 4, "fifo"), level.HiddenTests);
        Assert.Empty(level.Files);
    }

    [Fact]
    public void Load_ElfWithInterpreter_IsRefusedAsAHostDependency()
    {
        using var folder = LevelSamples.Scratch();
        string level = folder.CopySample("elf-layout");
        File.Copy("/bin/true", Path.Combine(folder.Path, "dynamic.elf"));
        File.WriteAllText(level, File.ReadAllText(level).Replace("elf: hello.elf", "elf: dynamic.elf", StringComparison.Ordinal));

        var e = Assert.Throws<VmQuest.Levels.LevelFormatException>(() => VmQuest.Levels.Loading.LevelLoader.Load(level));

        Assert.Equal("processes[0].elf", e.Field);
        Assert.StartsWith("\"dynamic.elf\" names the interpreter \"/lib64/ld-linux-x86-64.so.2\", a file of the host", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAnElf_SaysWhy()
    {
        using var folder = LevelSamples.Scratch();
        string level = folder.CopySample("elf-layout");
        File.WriteAllText(Path.Combine(folder.Path, "hello.elf"), "#!/bin/sh\necho hi\n");

        var e = Assert.Throws<VmQuest.Levels.LevelFormatException>(() => VmQuest.Levels.Loading.LevelLoader.Load(level));

        Assert.Equal("processes[0].elf", e.Field);
        Assert.StartsWith("\"hello.elf\" is not an ELF executable VmQuest can run: ", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Solution_IsReadFromTheFolderButNotHashed()
    {
        using var folder = LevelSamples.Scratch();
        string level = folder.CopySample("victim");
        string before = VmQuest.Levels.Loading.LevelLoader.Load(level).Hash;
        folder.Write("solutions/reference.vmqr", "replay bytes");
        File.AppendAllText(level, "solution: solutions/reference.vmqr\n");

        var loaded = VmQuest.Levels.Loading.LevelLoader.Load(level);

        Assert.Equal("solutions/reference.vmqr", loaded.Solution!.RelativePath);
        Assert.Equal(before, loaded.Hash);
        Assert.DoesNotContain(loaded.Files, f => f.RelativePath.EndsWith(".vmqr", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SolutionOutsideTheFolder_IsRefused()
    {
        string message = LevelText.Error(LevelText.Minimal + "solution: /tmp/x.vmqr\n");

        Assert.Equal("level.yaml:20:11: solution: expected a path inside the level's folder, found the absolute path \"/tmp/x.vmqr\"; a level may name only its own files", message);
    }
}
