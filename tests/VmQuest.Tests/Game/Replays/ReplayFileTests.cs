using FsCheck;
using FsCheck.Fluent;
using VmQuest.Replays;

namespace VmQuest.Tests.Game.Replays;

/// <summary>The replay file: exact round trips, and one clear reason for every way a file can be wrong.</summary>
public sealed class ReplayFileTests
{
    private const string Hash = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static readonly ReplayFile Sample = new(
        ReplayFormat.Version, RulesVersion: 1, "fork-cow", 3, Hash, Seed: 42, HashInterval: 64,
        [new ClaimedMetric("cycles", 123_456), new ClaimedMetric("faults", 7)],
        [
            new ReplayAction(12, "victim", [new("frame", "3")]),
            new ReplayAction(70, "fault-action", [new("kind", "demand-zero"), new("frame", "5")]),
        ],
        [new StateCheckpoint(64, "3fa2b1c4d5e6f708"), new StateCheckpoint(128, "0123456789abcdef")]);

    [Fact]
    public void ToText_Sample_ReadsAsTheRunWent()
    {
        Assert.Equal(
            """
            vmquest-replay 1
            # A VmQuest solution: 'vmquest verify FILE' re-simulates it and checks every claim.
            rules 1
            level fork-cow 3 sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            seed 42
            hash-interval 64
            claim cycles 123456
            claim faults 7
            action 12 victim frame=3
            state 64 3fa2b1c4d5e6f708
            action 70 fault-action kind=demand-zero frame=5
            state 128 0123456789abcdef
            end 2 2

            """.ReplaceLineEndings("\n"),
            ReplayWriter.ToText(Sample));
    }

    [Fact]
    public void Parse_RandomReplays_RoundTripExactly()
    {
        var word = Gen.Elements("a", "frame", "kind", "demand-zero", "0x7ffd", "3", "pid:4", "victim");
        var action = from tick in Gen.Choose(0, 1000)
                     from kind in word
                     from arguments in Gen.ListOf(Gen.Zip(word, word)).Select(l => l.Take(ReplayFormat.MaxArguments).ToList())
                     select (tick, kind, arguments);
        var replay = from seed in ArbMap.Default.GeneratorFor<ulong>()
                     from interval in Gen.Choose(1, 50)
                     from actions in Gen.ListOf(action)
                     from states in Gen.Choose(0, 20)
                     from claims in Gen.Choose(0, ReplayFormat.MaxClaims)
                     select new ReplayFile(
                         1, 1, "level-1", 1, Hash, seed, interval,
                         Enumerable.Range(0, claims).Select(i => new ClaimedMetric("m" + i, i * 1000L)).ToList(),
                         actions.OrderBy(a => a.tick).Select(a => new ReplayAction(a.tick, a.kind, a.arguments.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)).ToList())).ToList(),
                         Enumerable.Range(1, states).Select(i => new StateCheckpoint((long)i * interval, (0x1000_0000_0000_0000UL + (ulong)i).ToString("x16", System.Globalization.CultureInfo.InvariantCulture))).ToList());

        Prop.ForAll(replay.ToArbitrary(), r =>
        {
            var text = ReplayWriter.ToText(r);
            return ReplayWriter.ToText(ReplayReader.Parse(text, "r.replay")) == text;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Parse_CutAtAnyLine_IsTruncated()
    {
        var lines = ReplayWriter.ToText(Sample).Split('\n');
        for (int keep = 1; keep < lines.Length - 2; keep++)
        {
            var cut = string.Join('\n', lines.Take(keep)) + "\n";
            var e = Assert.Throws<ReplayReadException>(() => ReplayReader.Parse(cut, "r.replay"));
            Assert.Equal(ReplayProblem.Truncated, e.Problem);
            Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_EndCountsDisagree_IsTruncated()
    {
        var text = ReplayWriter.ToText(Sample).Replace("action 70 fault-action kind=demand-zero frame=5\n", "", StringComparison.Ordinal);

        var e = Assert.Throws<ReplayReadException>(() => ReplayReader.Parse(text, "r.replay"));

        Assert.Equal(ReplayProblem.Truncated, e.Problem);
        Assert.Equal("r.replay:12:5: truncated: the 'end' line counts 2 actions and 2 state lines, the file holds 1 and 2", e.Message);
    }

    [Theory]
    [InlineData("vmquest-replay 1", "rules 1", "r.replay:3:1: expected the 'rules' line, found 'level'")]
    [InlineData("claim faults 7", "claim faults x", "r.replay:8:14: expected the claimed value, a whole number from 0")]
    [InlineData("action 12 victim frame=3", "action 12 victim frame", "r.replay:9:18: expected an argument as KEY=VALUE")]
    [InlineData("action 70 fault", "action 5 fault", "r.replay:11:8: actions must be in tick order: tick 5 comes after tick 12")]
    [InlineData("state 64 3fa2b1c4d5e6f708", "state 65 3fa2b1c4d5e6f708", "r.replay:10:7: expected the next state checkpoint at a multiple of the hash interval 64, after tick 0")]
    [InlineData("state 64 3fa2b1c4d5e6f708", "state 64 XYZ", "r.replay:10:10: expected a state hash of 16 to 64 lower-case hex digits")]
    [InlineData("end 2 2", "end 2 2\naction 200 victim", "r.replay:14:1: nothing but comments after the 'end' line")]
    [InlineData("seed 42", "seed -1", "r.replay:5:6: expected a seed from 0 to 18446744073709551615")]
    public void Parse_BrokenLine_OneLineNamingLineColumnAndWhatWasExpected(string line, string replacement, string expected)
    {
        var text = ReplayWriter.ToText(Sample);
        text = line == "vmquest-replay 1"
            ? text.Replace("rules 1\n", "", StringComparison.Ordinal).Replace("seed 42\n", "seed 42\nrules 1\n", StringComparison.Ordinal)
            : ReplaceLineStartingWith(text, line, replacement);

        var e = Assert.Throws<ReplayReadException>(() => ReplayReader.Parse(text, "r.replay"));

        Assert.Equal(expected, e.Message);
        Assert.Equal(ReplayProblem.Malformed, e.Problem);
    }

    [Fact]
    public void Parse_NewerFormat_SaysSo()
    {
        var e = Assert.Throws<ReplayReadException>(() => ReplayReader.Parse("vmquest-replay 9\n", "r.replay"));

        Assert.Equal(ReplayProblem.NewerFormat, e.Problem);
        Assert.Equal("r.replay:1:16: made by a newer VmQuest (replay format 9; this build reads format 1)", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\x7fELF\x02\x01\x01")]
    [InlineData("<Run version=\"1.7.0\">")]
    public void Parse_NotAReplay_SaysWhatWasExpected(string text)
    {
        var e = Assert.Throws<ReplayReadException>(() => ReplayReader.Parse(text, "r.replay"));

        Assert.Equal(ReplayProblem.Malformed, e.Problem);
        Assert.Contains("vmquest-replay 1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_OverlongLine_RefusedAtTheLimit()
    {
        var text = "vmquest-replay 1\n# " + new string('x', ReplayFormat.MaxLineBytes + 10) + "\n";

        var e = Assert.Throws<ReplayReadException>(() => ReplayReader.Parse(text, "r.replay"));

        Assert.StartsWith("r.replay:2:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ThenRead_SameReplay()
    {
        var dir = Directory.CreateTempSubdirectory("vmquest-replay-").FullName;
        try
        {
            var path = Path.Combine(dir, "fork-cow.replay");
            ReplayWriter.Write(Sample, path);
            Assert.Equal(ReplayWriter.ToText(Sample), ReplayWriter.ToText(ReplayReader.Read(path)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string ReplaceLineStartingWith(string text, string start, string replacement)
    {
        var lines = text.Split('\n').ToList();
        int i = lines.FindIndex(l => l.StartsWith(start, StringComparison.Ordinal));
        lines[i] = replacement;
        return string.Join('\n', lines);
    }
}
