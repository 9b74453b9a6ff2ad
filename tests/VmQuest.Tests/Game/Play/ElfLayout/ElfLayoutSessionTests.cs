using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Play.ElfLayout;
using VmQuest.Replays;

namespace VmQuest.Tests.Game.Play.ElfLayout;

public class ElfLayoutSessionTests
{
    internal static Level Greet() => LevelResolver.Resolve(Path.Combine(ShippedLevels.Directory, "elf-layout", "greet.yaml"));

    private static ElfLayoutSession Waiting()
    {
        var session = new ElfLayoutSession(Greet());
        session.Run();
        return session;
    }

    // The layout execve makes of greet.elf, as `vmquest maps --exec greet.elf` prints it.
    private static readonly (string Start, string End, string Perms, string Source)[] Expected =
    [
        ("0x400000", "0x401000", "r--", "file@0x0"),
        ("0x401000", "0x402000", "r-x", "file@0x1000"),
        ("0x402000", "0x403000", "r--", "file@0x2000"),
        ("0x403000", "0x404000", "rw-", "file@0x2000"),
        ("0x404000", "0x406000", "rw-", "zero"),
    ];

    private static ElfLayoutSession Placed(int skipRow = -1, LayoutField skipField = LayoutField.Start)
    {
        var session = Waiting();
        for (var row = 0; row < Expected.Length; row++)
        {
            var values = Expected[row];
            string[] fields = [values.Start, values.End, values.Perms, values.Source];
            foreach (var field in Enum.GetValues<LayoutField>())
            {
                if (row != skipRow || field != skipField)
                {
                    Assert.Null(session.Place(row, field, fields[(int)field]));
                }
            }
        }

        return session;
    }

    [Fact]
    public void Run_AtTheStart_WaitsForTheLayoutOfFiveMappingsFromFourSegments()
    {
        var session = Waiting();

        Assert.True(session.IsWaiting);
        Assert.Equal(5, session.MappingCount);
        Assert.Equal([0, 1, 2, 3, 3], Enumerable.Range(0, 5).Select(session.SegmentOf));
        Assert.Equal(21, session.MinActions);
        Assert.All(session.Rows, r => Assert.False(r.IsComplete));
    }

    [Theory]
    [InlineData(3, "start", "0x403011", "0x403011 is not page-aligned: mmap maps whole pages, so a mapping starts and ends on a multiple of 0x1000 (PAGESTART rounds an address down, PAGEALIGN up)")]
    [InlineData(0, "end", "400158", "end=400158 is not an address: expected 0x and hex digits")]
    [InlineData(3, "source", "file@0x2011", "file offset 0x2011 is not page-aligned: a file is mapped in whole pages, so the mapping starts at the file page holding the segment's first byte (PAGESTART(p_offset))")]
    [InlineData(3, "source", "file@0x10000", "file offset 0x10000 lies past the end of the file (0x21c0 bytes): there is nothing there to map")]
    [InlineData(3, "source", "heap", "source=heap is not a source: expected zero (anonymous zero-filled pages) or file@0xOFFSET (pages of the file)")]
    [InlineData(1, "perms", "rx", "perms=rx is not a permission: expected three characters r or -, w or -, x or - (e.g. rw-, r-x, ---)")]
    [InlineData(5, "start", "0x400000", "mapping=5 is not one of this program's mappings: execve makes mappings 0 to 4")]
    [InlineData(0, "offset", "0x0", "field=offset is not a field of a mapping: expected start, end, perms or source")]
    [InlineData(0, "start", "0x800000000000", "0x800000000000 lies above user space (it ends at 0x7ffffffff000): a program's segments are mapped below it")]
    public void Place_IllegalValue_IsRefusedWithTheRule(int row, string field, string value, string expected)
    {
        var session = Waiting();

        var why = session.Act("place", [new("mapping", row.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("field", field), new("value", value)]);

        Assert.Equal(expected, why);
        Assert.Equal(1, session.Mistakes);
        Assert.All(session.Rows, r => Assert.Equal(LayoutRow.Empty, r));
    }

    [Fact]
    public void Place_IllegalValue_IsExplainedInChineseWithTheEnglishUnchanged()
    {
        var session = Waiting();

        var why = session.Place(3, LayoutField.Source, "file@0x2011");

        const string English = "file offset 0x2011 is not page-aligned: a file is mapped in whole pages, so the mapping starts at the file page holding the segment's first byte (PAGESTART(p_offset))";
        Assert.Equal(English, why);
        Assert.Equal(English, session.LastRefusal);
        Assert.Equal("文件偏移 0x2011 没有按页对齐：文件按整页映射，所以映射从装有该段第一个字节的文件页开始（PAGESTART(p_offset)）", session.LastRefusalIn("zh-Hans"));
    }

    [Fact]
    public void Run_WrongLayout_IsExplainedInChineseWithTheEnglishUnchanged()
    {
        var session = Placed();
        Assert.Null(session.Place(2, LayoutField.Perms, "r-x"));

        var why = session.Launch();

        Assert.Equal(why, session.LastRefusal);
        Assert.EndsWith("is r-x, but execve gives a segment exactly its p_flags (R   → r--)", why);
        var zh = session.LastRefusalIn("zh-Hans");
        Assert.StartsWith("映射 2（PT_LOAD #", zh);
        Assert.EndsWith("的权限是 r-x，但 execve 给段的权限恰好就是它的 p_flags（R   → r--）", zh);
    }

    [Fact]
    public void Place_EndBelowStart_IsRefused()
    {
        var session = Waiting();
        Assert.Null(session.Place(1, LayoutField.Start, "0x402000"));

        Assert.Equal("a mapping ends above its start: 0x402000–0x401000 holds no page", session.Place(1, LayoutField.End, "0x401000"));
    }

    [Fact]
    public void Run_MissingField_IsRefusedNamingIt()
    {
        var session = Placed(skipRow: 4, skipField: LayoutField.Source);

        Assert.Equal("mapping 4 has no source yet: set start, end, perms and source of every mapping before the run", session.Launch());
        Assert.False(session.IsLaunched);
    }

    [Theory]
    [InlineData(3, LayoutField.End, "0x406000", "ends at 0x406000, but the file-backed part ends with the page holding the file's last byte of the segment: PAGEALIGN(p_vaddr + p_filesz) = 0x404000")]
    [InlineData(4, LayoutField.Start, "0x403000", "starts at 0x403000, but its zero-fill part begins where the file's pages end: PAGEALIGN(p_vaddr + p_filesz) = 0x404000")]
    [InlineData(2, LayoutField.Perms, "r-x", "is r-x, but execve gives a segment exactly its p_flags (R   → r--)")]
    [InlineData(4, LayoutField.Source, "file@0x2000", "is mapped from the file, but these pages lie past p_filesz")]
    [InlineData(3, LayoutField.Source, "file@0x1000", "reads the file from 0x1000, but page PAGESTART(p_vaddr) must hold the file page PAGESTART(p_offset) = 0x2000")]
    [InlineData(1, LayoutField.Source, "zero", "is zero-fill, but its pages hold the file's bytes: source file@0x1000")]
    public void Run_LegalButWrongLayout_IsRefusedNamingTheFieldAndTheRule(int row, LayoutField field, string value, string expected)
    {
        var session = Placed();
        Assert.Null(session.Place(row, field, value));

        var why = session.Launch();

        Assert.NotNull(why);
        Assert.StartsWith($"mapping {row} (PT_LOAD #", why);
        Assert.Contains(expected, why);
        Assert.False(session.IsLaunched);
    }

    [Fact]
    public void Run_RightLayout_ExecsTheFileAndTouchesEveryPageThenWins()
    {
        var session = Placed();

        Assert.Null(session.Launch());
        var areas = session.Kernel.MmOf(session.Pid).Vmas.Areas.Where(a => a.Kind is not (VmaKind.Stack or VmaKind.Vvar or VmaKind.VvarVclock or VmaKind.Vdso)).ToList();
        Assert.Equal(Expected.Select(e => (e.Start, e.End, e.Perms)),
            areas.Select(a => (LayoutValues.Hex(a.Start), LayoutValues.Hex(a.End), VmQuest.Play.Permissions.PermissionText.Format(a.Permissions))));
        session.Run();

        Assert.True(session.IsWon, session.Failure);
        Assert.True(session.HasExited);
        // The entry page, then the other five pages of the image: every first touch faults.
        Assert.Equal(7, session.Tick);
        Assert.Equal(6, session.Metric(MetricKind.Faults));
        Assert.Equal(21, session.Metric(MetricKind.Actions));
    }

    [Fact]
    public void Place_AfterTheRun_IsRefused()
    {
        var session = Placed();
        Assert.Null(session.Launch());

        Assert.Equal("the program is running with your layout: nothing is left to place", session.Place(0, LayoutField.Start, "0x400000"));
        session.Run();
        Assert.Equal("the level is over: no decision is pending", session.Place(0, LayoutField.Start, "0x400000"));
    }

    [Fact]
    public void Players_ReferenceMeetsEveryParAndTheReadelfCopyMissesMistakes()
    {
        var level = Greet();
        var reference = ElfLayoutPlayers.Instance.PlayReference(level);
        var naive = ElfLayoutPlayers.Instance.PlayDefault(level);

        Assert.True(reference.IsWon);
        Assert.Equal(0, reference.Metric(MetricKind.Mistakes));
        Assert.Equal(((ElfLayoutSession)reference).MinActions, reference.Metric(MetricKind.Actions));
        Assert.Equal(level.Optimum.Single(o => o.Metric == MetricKind.Actions).Bound, reference.Metric(MetricKind.Actions));
        Assert.True(naive.IsWon);
        Assert.Equal(9, naive.Metric(MetricKind.Mistakes));
        Assert.True(naive.Metric(MetricKind.Mistakes) > level.ParOf(MetricKind.Mistakes));
    }

    [Fact]
    public void Replay_SameActions_GiveTheSameStateHashes()
    {
        var level = Greet();
        var first = ElfLayoutPlayers.Instance.PlayDefault(level);
        var second = LevelSessions.Create(level);
        foreach (var action in first.AppliedActions)
        {
            Assert.Null(second.Apply(action));
        }

        second.Run();
        Assert.NotEmpty(first.Checkpoints);
        Assert.Equal(first.Checkpoints, second.Checkpoints);
        Assert.Equal(first.Metrics(), second.Metrics());
    }

    [Fact]
    public void Verify_TamperedSolution_IsRejected()
    {
        var level = Greet();
        var replay = ReplayReader.Read(Path.Combine(ShippedLevels.Directory, "elf-layout", "greet.solution.vmqr"));
        Assert.True(ReplayVerifier.Verify(replay, level).Verified);

        var claimed = replay with { Claims = [.. replay.Claims.Select(c => c.Name == "mistakes" ? c with { Value = 1 } : c)] };
        Assert.Equal("claimed metrics differ: mistakes claimed 1, verified 0", ReplayVerifier.Verify(claimed, level).Reason);

        var actions = replay.Actions.ToList();
        actions[0] = actions[0] with { Arguments = [new("mapping", "0"), new("field", "start"), new("value", "0x400010")] };
        Assert.StartsWith("illegal action at tick 0 (place): 0x400010 is not page-aligned", ReplayVerifier.Verify(replay with { Actions = actions }, level).Reason);
    }

    [Fact]
    public void Create_LevelWithAWorkloadProcess_IsRefusedInOneLine()
    {
        var level = Greet();
        var permissions = PermissionsLevelProcesses();
        var wrong = level with { Processes = [.. level.Processes, permissions] };

        var e = Assert.Throws<FormatParseException>(() => new ElfLayoutSession(wrong));
        Assert.Contains("an elf-layout level runs exactly one process, an elf, and no traces", e.Message);
    }

    [Fact]
    public void Place_AnyStartAddress_IsAcceptedExactlyWhenPageAligned()
    {
        var property = Prop.ForAll(Gen.Choose(0, 0x7fff_ffff).ToArbitrary(), raw =>
        {
            var address = (ulong)raw;
            var why = ElfLayoutRules.Set(LayoutRow.Empty, LayoutField.Start, LayoutValues.Hex(address), 4096, 0x21c0, 0x7fff_ffff_f000, out var row);
            return (why is null) == (address % 4096 == 0) && (why is null ? row.Start == address : row == LayoutRow.Empty);
        });
        property.QuickCheckThrowOnFailure();
    }

    private static LevelProcess PermissionsLevelProcesses() =>
        VmQuest.Tests.Game.Play.Permissions.PermissionsLevels.LeastPrivilege().Processes[0];
}
