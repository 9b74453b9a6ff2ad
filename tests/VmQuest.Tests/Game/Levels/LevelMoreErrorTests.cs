namespace VmQuest.Tests.Game.Levels;

/// <summary>More kinds of error, each at its exact line, column and field.</summary>
public class LevelMoreErrorTests
{
    [Theory]
    [InlineData("frames: 4\n", "frames: 4\nkernel: { tlb: { entries: 8, ways: 16 } }\n", "level.yaml:7:36: kernel.tlb.ways: expected ways from 1 to the number of entries (8), found 16")]
    [InlineData("frames: 4\n", "frames: 4\nkernel: { time-slice: 0 }\n", "level.yaml:7:23: kernel.time-slice: expected an integer from 1 to 1000000000, found \"0\"")]
    [InlineData("frames: 4\n", "frames: 4\nkernel: { swap-slots: 2000000 }\n", "level.yaml:7:23: kernel.swap-slots: expected an integer from 0 to 1048576, found \"2000000\"")]
    [InlineData("frames: 4\n", "frames: 4\nkernel: { pcid: yes }\n", "level.yaml:7:17: kernel.pcid: expected true or false, found \"yes\"")]
    [InlineData("frames: 4\n", "frames: 4\nmachine: { file: /etc/m.yaml }\n", "level.yaml:7:18: machine.file: expected a path inside the level's folder, found the absolute path \"/etc/m.yaml\"; a level may name only its own files")]
    [InlineData("seed: 1 }", "seed: 1, noise-percent: 5 }", "level.yaml:9:79: traces[0].generator.noise-percent: only a 'looping' generator takes noise-percent; this one is 'uniform'")]
    [InlineData("seed: 1 }", "seed: -1 }", "level.yaml:9:61: traces[0].generator.seed: expected an integer from 0 to 18446744073709551615, found \"-1\"")]
    [InlineData("    generator:", "    format: lackey\n    generator:", "level.yaml:9:13: traces[0].format: only a trace file has a format; a generator makes a reference string")]
    [InlineData("  - name: t\n    generator: { kind: uniform, length: 20, pages: 6, seed: 1 }\n", "  - t\n", "level.yaml:8:5: traces[0]: expected a trace (a mapping of key: value lines), found \"t\"")]
    [InlineData("  - kind: trace-completes", "  - kind: all-exit", "level.yaml:13:5: goals[0]: 'all-exit' needs at least one process")]
    [InlineData("  - kind: trace-completes", "  - kind: trace-completes\n    trace: other", "level.yaml:14:12: goals[0].trace: expected the name of one of the level's traces (t), found \"other\"")]
    [InlineData("  - kind: trace-completes", "  - kind: translations\n    count: 0", "level.yaml:14:12: goals[0].count: expected an integer from 1 to 10000, found \"0\"")]
    [InlineData("  - kind: trace-completes", "  - kind: exits", "level.yaml:13:5: goals[0].process: missing; expected the name of one of the level's processes")]
    [InlineData("goals:\n  - kind: trace-completes\n", "goals: []\n", "level.yaml:12:8: goals: expected 1 to 16 goals, found 0")]
    [InlineData("traces:\n  - name: t\n    generator: { kind: uniform, length: 20, pages: 6, seed: 1 }\n", "", "level.yaml:10:5: goals[0]: 'trace-completes' needs a trace; the level has none")]
    [InlineData("player:\n  mechanics: [victim]\n", "", "level.yaml:1:1: player: missing; expected the player's decisions ({ mechanics: [...] })")]
    [InlineData("{ metric: faults, computed: opt-faults }", "{ metric: faults, computed: opt-faults, bound: 3 }", "level.yaml:19:52: optimum[0].bound: only one of computed, bound may be given, and 'computed' already is")]
    [InlineData("{ metric: faults, computed: opt-faults }", "{ metric: actions, computed: min-actions }\n  - { metric: actions, bound: 4 }", "level.yaml:20:15: optimum[1].metric: the optimum of 'actions' is given twice")]
    [InlineData("frames: 4\n", "", "level.yaml:10:3: player.mechanics: the mechanic 'victim' needs 'frames' (memory must run out for pages to be evicted)")]
    public void Load_MoreBrokenFields_OneLineWithPositionAndField(string find, string replace, string expected)
    {
        Assert.Equal(expected, LevelText.Error(LevelText.With(find, replace)));
    }

    [Theory]
    [InlineData("    program: |", "    args: [x]\n    program: |", "level.yaml:9:11: processes[0].args: only an 'elf' process takes args; a workload program has none")]
    [InlineData("  - kind: exits\n    process: p", "  - kind: killed\n    process: p\n    line: 0", "level.yaml:20:11: goals[0].line: expected a positive integer, found \"0\"")]
    [InlineData("  - kind: exits\n    process: p", "  - kind: layout-matches\n    process: p", "level.yaml:19:14: goals[0].process: 'layout-matches' needs a process that runs an ELF; 'p' runs a workload program")]
    [InlineData("  - kind: exits\n    process: p", "  - kind: exits\n    process: p\n    status: 256", "level.yaml:20:13: goals[0].status: expected an integer from 0 to 255, found \"256\"")]
    [InlineData("  - kind: exits\n    process: p", "  - kind: killed\n    process: p\n    signal: SIGTERM", "level.yaml:20:13: goals[0].signal: expected a signal: one of SIGSEGV, SIGBUS, SIGKILL, found \"SIGTERM\"")]
    [InlineData("    program: |\n      read heap\n      exit 0\n", "    program-file: ''\n", "level.yaml:9:19: processes[0].program-file: expected a path inside the level's folder, found an empty value")]
    public void Load_BrokenProcessOrGoal_OneLineWithPositionAndField(string find, string replace, string expected)
    {
        string text = LevelText.With("traces:\n", "processes:\n  - name: p\n    program: |\n      read heap\n      exit 0\ntraces:\n")
            .Replace("  - kind: trace-completes", "  - kind: exits\n    process: p", StringComparison.Ordinal);
        Assert.Contains(find, text, StringComparison.Ordinal);

        Assert.Equal(expected, LevelText.Error(text.Replace(find, replace, StringComparison.Ordinal)));
    }
}
