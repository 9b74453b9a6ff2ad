namespace VmQuest.Tests.Game.Levels;

/// <summary>Errors that relate fields to each other, and errors inside programs, machines and traces a level names.</summary>
public class LevelRuleErrorTests
{
    private const string Processes =
        """
        processes:
          - name: victim
            program: |
              malloc buf 4K
              write buf = 1
              exit 0

        """;

    [Fact]
    public void Load_FramePlacementWithoutFaultAction_SaysItBelongsToFaultAction()
    {
        string text = LevelText.With("mechanics: [victim]", "mechanics: [victim]\n  frame-placement: true");

        Assert.Equal("level.yaml:12:20: player.frame-placement: frame placement is part of handling the fault: list 'fault-action' in mechanics too", LevelText.Error(text));
    }

    [Fact]
    public void Load_GoalNamesUnknownProcess_ListsTheLevelsProcesses()
    {
        string text = LevelText.With("traces:\n", Processes + "traces:\n").Replace("  - kind: trace-completes", "  - kind: exits\n    process: vitcim", StringComparison.Ordinal);

        Assert.Equal("level.yaml:20:14: goals[0].process: expected the name of one of the level's processes (victim), found \"vitcim\"", LevelText.Error(text));
    }

    [Fact]
    public void Load_KilledAtLineWithoutStatement_IsRefused()
    {
        string text = LevelText.With("traces:\n", Processes + "traces:\n")
            .Replace("  - kind: trace-completes", "  - kind: killed\n    process: victim\n    line: 9", StringComparison.Ordinal);

        Assert.Equal("level.yaml:21:11: goals[0].line: expected a line of process 'victim''s program that holds a statement, found 9", LevelText.Error(text));
    }

    [Fact]
    public void Load_GoalFieldOfAnotherKind_NamesTheKindsFields()
    {
        string text = LevelText.With("  - kind: trace-completes", "  - kind: trace-completes\n    count: 3");

        Assert.Equal("level.yaml:14:5: goals[0].count: a 'trace-completes' goal has no such field; expected one of: kind, trace", LevelText.Error(text));
    }

    [Fact]
    public void Load_HiddenTestsWithSeed_IsRefusedBecauseTheVerifierChoosesSeeds()
    {
        string text = PolicyLevel("  generator: { kind: uniform, length: 50, pages: 8, seed: 3 }");

        Assert.Equal("level.yaml:22:59: hidden-tests.generator.seed: hidden tests have no seed in the level: the verifier chooses them, so no file a player receives contains them", LevelText.Error(text));
    }

    [Fact]
    public void Load_PolicyWithoutHiddenTests_SaysThePolicyNeedsThem()
    {
        string text = LevelText.With("mechanics: [victim]", "mechanics: [policy]");

        Assert.Equal("level.yaml:11:3: player.mechanics: the mechanic 'policy' needs 'hidden-tests' (a policy must also pass hidden seeded traces)", LevelText.Error(text));
    }

    [Fact]
    public void Load_HiddenTestsWithoutPolicy_IsRefused()
    {
        string text = LevelText.Minimal + "hidden-tests: { count: 2, generator: { kind: uniform, length: 5, pages: 2 }, baseline: lru }\n";

        Assert.Equal("level.yaml:20:15: hidden-tests: only a level whose player writes the policy ('policy' in player.mechanics) has hidden tests", LevelText.Error(text));
    }

    [Fact]
    public void Load_PolicyLevel_ReadsHiddenTestsWithLevelFrames()
    {
        var level = LevelText.Load(PolicyLevel("  generator: { kind: uniform, length: 50, pages: 8 }"));

        Assert.Equal(new VmQuest.Levels.Model.LevelHiddenTests(5,
            new VmQuest.Levels.Model.TraceGeneratorSpec(VmQuest.Levels.Model.TraceGeneratorKind.Uniform, 50, 8, 0, 2, 80, 0, 0), 4, "clock"), level.HiddenTests);
    }

    [Fact]
    public void Load_OptimumWorseThanPar_IsRefused()
    {
        string text = LevelText.With("{ metric: faults, computed: opt-faults }", "{ metric: faults, bound: 13 }");

        Assert.Equal("level.yaml:19:30: optimum[0].bound: the optimum cannot be worse than the par: expected at most 12, found 13", LevelText.Error(text));
    }

    [Fact]
    public void Load_OptFaultsForCycles_SaysWhichMetricItIsFor()
    {
        string text = LevelText.With("{ metric: faults, computed: opt-faults }", "{ metric: cycles, computed: opt-faults }");

        Assert.Equal("level.yaml:19:33: optimum[0].computed: 'opt-faults' is the optimum of 'faults', not of 'cycles'", LevelText.Error(text));
    }

    [Fact]
    public void Load_OptimumOfMetricNotMeasured_ListsTheMetrics()
    {
        string text = LevelText.With("{ metric: faults, computed: opt-faults }", "{ metric: tlb-misses, bound: 3 }");

        Assert.Equal("level.yaml:19:15: optimum[0].metric: expected one of the level's metrics (faults, actions, cycles), found \"tlb-misses\"", LevelText.Error(text));
    }

    [Fact]
    public void Load_PolicySizeWithoutPolicyMechanic_IsRefused()
    {
        string text = LevelText.With("{ name: actions, par: 20 }", "{ name: policy-size, par: 20 }");

        Assert.Equal("level.yaml:16:13: metrics[1].name: 'policy-size' measures the player's policy: list 'policy' in player.mechanics", LevelText.Error(text));
    }

    [Fact]
    public void Load_ScheduleWithOneProcess_NeedsTwo()
    {
        string text = LevelText.With("traces:\n", Processes + "traces:\n").Replace("mechanics: [victim]", "mechanics: [schedule]", StringComparison.Ordinal);

        Assert.Equal("level.yaml:17:3: player.mechanics: the mechanic 'schedule' needs at least two processes to choose between", LevelText.Error(text));
    }

    [Fact]
    public void Load_InlineProgramSyntaxError_PointsAtTheLevelsLine()
    {
        string text = LevelText.With("traces:\n", Processes.Replace("write buf = 1", "write", StringComparison.Ordinal) + "traces:\n");

        Assert.Equal("level.yaml:11:12: processes[0].program: expected an address after 'write', found end of line", LevelText.Error(text));
    }

    [Fact]
    public void Load_InlineProgramUnknownSymbol_PointsAtTheLevelsLineAndColumn()
    {
        string text = LevelText.With("traces:\n", Processes.Replace("write buf = 1", "write bfu = 1", StringComparison.Ordinal) + "traces:\n");

        Assert.Equal("level.yaml:11:13: processes[0].program: unknown symbol 'bfu': not a region, a loop variable, or a name bound by malloc or mmap", LevelText.Error(text));
    }

    [Fact]
    public void Load_ProgramExecsHostBinary_IsRefusedAtTheExecLine()
    {
        string text = LevelText.With("traces:\n", Processes.Replace("write buf = 1", "exec /bin/ls", StringComparison.Ordinal) + "traces:\n");

        Assert.Equal("level.yaml:11:7: processes[0].program: exec: expected a path inside the level's folder, found the absolute path \"/bin/ls\"; a level may name only its own files", LevelText.Error(text));
    }

    [Fact]
    public void Load_ProcessWithTwoPrograms_SaysOnlyOne()
    {
        string text = LevelText.With("traces:\n", Processes.Replace("    program: |", "    elf: a.elf\n    program: |", StringComparison.Ordinal) + "traces:\n");

        Assert.Equal("level.yaml:10:14: processes[0].program: only one of program, program-file, elf may be given, and 'elf' already is", LevelText.Error(text));
    }

    [Fact]
    public void Load_InlineMachineError_PointsAtTheLevelsLine()
    {
        string machine = "machine:\n  name: m\n  pageSize: 4KiB\n  physicalMemory: 1MiB\n  levels:\n    - { name: PT, bits: 0 }\n  pte: { width: 8, leaf: huge-bit, frame: { shift: 12, bits: 40 }, bits: { present: 0 } }\n";
        string text = LevelText.With("frames: 4\n", "frames: 4\n" + machine);

        Assert.Equal("level.yaml:12:5: machine: level bits must be 1 to 20, not 0", LevelText.Error(text));
    }

    [Fact]
    public void Load_TraceFileError_IsReportedAtTheTraceFilesLine()
    {
        string text = LevelText.With("    generator: { kind: uniform, length: 20, pages: 6, seed: 1 }", "    file: t.refs");

        string message = LevelText.Error(text, folder => folder.Write("t.refs", "1\n2\nthree\n"));

        Assert.Equal("t.refs:3:1: expected a page number (decimal, or hex with 0x), one per line, found \"three\"", message);
    }

    [Fact]
    public void Load_TraceFileMissing_SaysSoAtTheField()
    {
        string text = LevelText.With("    generator: { kind: uniform, length: 20, pages: 6, seed: 1 }", "    file: t.refs");

        Assert.Equal("level.yaml:9:11: traces[0].file: \"t.refs\": no such file", LevelText.Error(text));
    }

    private static string PolicyLevel(string generatorLine) =>
        LevelText.With("mechanics: [victim]", "mechanics: [policy]")
        + "hidden-tests:\n  count: 5\n" + generatorLine + "\n  baseline: clock\n";
}
