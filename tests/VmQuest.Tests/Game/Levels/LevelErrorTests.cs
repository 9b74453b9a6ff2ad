namespace VmQuest.Tests.Game.Levels;

/// <summary>Every kind of error a level file can have: one line each, with the line, column and field path.</summary>
public class LevelErrorTests
{
    [Fact]
    public void Load_MinimalLevel_Loads()
    {
        var level = LevelText.Load(LevelText.Minimal);

        Assert.Equal("tiny", level.Id);
        Assert.Equal(4, level.Frames);
    }

    [Theory]
    // Unknown fields (typos) are errors, at the key.
    [InlineData("hint:", "hnit:", "level.yaml:5:1: hnit: unknown field; expected one of: id, version, title, briefing, hint, machine, frames, kernel, processes, traces, player, goals, metrics, optimum, hidden-tests, solution")]
    [InlineData("{ name: actions, par: 20 }", "{ name: actions, parr: 20 }", "level.yaml:16:22: metrics[1].parr: unknown field; expected one of: name, par")]
    [InlineData("en: Tiny,", "en: Tiny, fr: Petit,", "level.yaml:3:20: title.fr: unknown field; expected one of: en, zh-Hans")]
    // Missing required fields, at the mapping that lacks them.
    [InlineData("hint: { en: Look ahead., zh-Hans: 往后看。 }\n", "", "level.yaml:1:1: hint: missing; expected a hint in en and zh-Hans")]
    [InlineData("title: { en: Tiny, zh-Hans: 小 }", "title: { en: Tiny }", "level.yaml:3:8: title.zh-Hans: missing; expected the Simplified Chinese text")]
    [InlineData("  - { name: faults, par: 12 }", "  - { name: faults }", "level.yaml:15:5: metrics[0].par: missing; expected the par (a positive integer; lower is better)")]
    // Wrong types.
    [InlineData("version: 1", "version: one", "level.yaml:2:10: version: expected a positive integer, found \"one\"")]
    [InlineData("version: 1", "version: \"1\"", "level.yaml:2:10: version: expected a positive integer, found the quoted text \"1\"")]
    [InlineData("frames: 4", "frames: [4]", "level.yaml:6:9: frames: expected an integer from 1 to 16384, found a list")]
    [InlineData("title: { en: Tiny, zh-Hans: 小 }", "title: Tiny", "level.yaml:3:8: title: expected a text in English and Simplified Chinese ({ en: …, zh-Hans: … }) (a mapping of key: value lines), found \"Tiny\"")]
    [InlineData("mechanics: [victim]", "mechanics: victim", "level.yaml:11:14: player.mechanics: expected a list of mechanics (lines starting with '- '), found \"victim\"")]
    [InlineData("id: tiny", "id: Tiny Level", "level.yaml:1:5: id: expected a level id (lowercase letters, digits and single hyphens, like 'belady-anomaly'), found \"Tiny Level\"")]
    // Values out of range.
    [InlineData("par: 12", "par: 0", "level.yaml:15:26: metrics[0].par: expected a positive integer, found \"0\"")]
    [InlineData("par: 12", "par: -5", "level.yaml:15:26: metrics[0].par: expected a positive integer, found \"-5\"")]
    [InlineData("frames: 4", "frames: 0", "level.yaml:6:9: frames: expected an integer from 1 to 16384, found \"0\"")]
    [InlineData("length: 20", "length: 2000000", "level.yaml:9:41: traces[0].generator.length: expected an integer from 1 to 1000000, found \"2000000\"")]
    [InlineData("frames: 4\n", "frames: 4\nkernel: { tlb: { entries: 48 } }\n", "level.yaml:7:27: kernel.tlb.entries: expected 0 or a power of two up to 4096, found \"48\"")]
    // Unknown names.
    [InlineData("frames: 4\n", "frames: 4\nmachine: x86-65\n", "level.yaml:7:10: machine: expected a built-in machine (i386, ostep-linear, ostep-multilevel, riscv-sv39, x86-64, x86-64-la57), { file: PATH } or a machine map, found \"x86-65\"")]
    [InlineData("mechanics: [victim]", "mechanics: [victom]", "level.yaml:11:15: player.mechanics[0]: expected a mechanic: one of translate, fault-action, victim, permissions, schedule, elf-layout, policy, found \"victom\"")]
    [InlineData("name: cycles", "name: seconds", "level.yaml:17:13: metrics[2].name: expected a metric: one of cycles, faults, major-faults, peak-frames, tlb-misses, mistakes, actions, policy-size, found \"seconds\"")]
    [InlineData("frames: 4\n", "frames: 4\nkernel: { policy: lfu }\n", "level.yaml:7:19: kernel.policy: expected a replacement policy: one of fifo, lru, clock, random, opt, mru, linux, found \"lfu\"")]
    [InlineData("kind: trace-completes", "kind: trace-finishes", "level.yaml:13:11: goals[0].kind: expected a goal kind: one of exits, all-exit, killed, trace-completes, translations, layout-matches, found \"trace-finishes\"")]
    [InlineData("kind: uniform", "kind: zipf", "level.yaml:9:24: traces[0].generator.kind: expected a generator kind: one of uniform, looping, locality, found \"zipf\"")]
    // Duplicates.
    [InlineData("{ name: actions, par: 20 }", "{ name: faults, par: 20 }", "level.yaml:16:13: metrics[1].name: the metric 'faults' is listed twice")]
    [InlineData("mechanics: [victim]", "mechanics: [victim, victim]", "level.yaml:11:23: player.mechanics[1]: the mechanic 'victim' is listed twice")]
    [InlineData("frames: 4\n", "frames: 4\nframes: 5\n", "level.yaml:7:1: a key appears twice in the same mapping; each field may be given once")]
    // Counts.
    [InlineData("  - { name: cycles, par: 100000 }\n", "", "level.yaml:15:3: metrics: expected 3 to 4 metrics, found 2")]
    public void Load_BrokenField_OneLineWithPositionAndField(string find, string replace, string expected)
    {
        Assert.Equal(expected, LevelText.Error(LevelText.With(find, replace)));
    }

    [Fact]
    public void Load_DuplicateTraceName_NamesTheSecond()
    {
        string text = LevelText.With("traces:\n", "traces:\n  - name: t\n    generator: { kind: looping, length: 8, pages: 3, seed: 2 }\n");

        Assert.Equal("level.yaml:10:11: traces[1].name: the name 't' is already used by an earlier entry of traces", LevelText.Error(text));
    }

    [Fact]
    public void Load_InvalidYaml_SaysSoAtItsPosition()
    {
        string message = LevelText.Error(LevelText.With("title: { en: Tiny, zh-Hans: 小 }", "title: { en: Tiny, zh-Hans: 小"));

        // YamlDotNet's scanner reports this one without a column (the shared parser says so in words).
        Assert.Equal("level.yaml:4: not valid YAML: an unterminated [list], {map} or quoted value", message);
    }

    [Fact]
    public void Load_TabIndentation_IsInvalidYamlAtItsColumn()
    {
        string message = LevelText.Error(LevelText.With("version: 1", "version:\t1\n\tfoo: 1"));

        Assert.Equal("level.yaml:2:10: not valid YAML: While scanning a plain scalar, found a tab character that violate indentation.", message);
    }

    [Fact]
    public void Load_EmptyFile_SaysWhatWasExpected()
    {
        Assert.Equal("level.yaml:1:1: empty file; expected a level (id, version, title, …)", LevelText.Error("# nothing yet\n"));
    }

    [Fact]
    public void Load_SecondDocument_IsRefused()
    {
        Assert.Equal("level.yaml:21:1: a second YAML document ('---'); a level file holds one level", LevelText.Error(LevelText.Minimal + "---\nid: two\n"));
    }

    [Fact]
    public void Load_RootIsAList_SaysALevelIsAMapping()
    {
        Assert.Equal("level.yaml:1:1: expected a level (a mapping of key: value lines), found a list", LevelText.Error("- id: tiny\n"));
    }

    [Fact]
    public void Load_DeeplyNestedYaml_StopsAtTheSharedNestingLimit()
    {
        string text = "id: " + new string('[', 40) + new string(']', 40) + "\n";

        Assert.Equal("level.yaml:1:36: YAML nested deeper than 32 levels (the limit for a level file)", LevelText.Error(text));
    }

    [Fact]
    public void Load_AliasBomb_StopsAtTheSharedAliasLimit()
    {
        string aliases = string.Join(", ", Enumerable.Repeat("*a", 70));
        string text = "x: &a [1, 2]\ny: [" + aliases + "]\n";

        Assert.Equal("level.yaml:2:261: YAML with more than 64 aliases (*name) (the limit for a level file)", LevelText.Error(text));
    }

    [Fact]
    public void Load_FileOverOneMebibyte_IsRefusedWhileReading()
    {
        string text = LevelText.Minimal + "# " + new string('x', 1024 * 1024) + "\n";

        Assert.Equal("level.yaml: larger than the 1 MiB limit for a level file", LevelText.Error(text));
    }
}

/// <summary>Texts reach terminals and screens, so control characters are refused.</summary>
public class LevelTextErrorTests
{
    [Fact]
    public void Load_EscapeSequenceInTitle_IsRefused()
    {
        string message = LevelText.Error(LevelText.With("en: Tiny,", "en: \"Tiny\\e[2J\","));

        Assert.Equal("level.yaml:3:14: title.en: expected the English text without control characters, found U+001B at character 5", message);
    }

    [Fact]
    public void Load_TitleOnTwoLines_IsRefused()
    {
        string message = LevelText.Error(LevelText.With("en: Tiny,", "en: \"Tiny\\nLevel\","));

        Assert.Equal("level.yaml:3:14: title.en: expected the English text on one line", message);
    }
}
