using System.Text.RegularExpressions;
using VmQuest.Engine.Formats.Lackey;
using Xunit.Abstractions;

namespace VmQuest.Tests.Engine.Formats.Lackey;

/// <summary>Real traces recorded at test time parse completely and agree with an independent line count.</summary>
public sealed partial class LackeyRecordedTraceTests(RecordedTraceFixture fixture, ITestOutputHelper output) : IClassFixture<RecordedTraceFixture>
{
    [GeneratedRegex("^(I  | [LSM] )[0-9a-f]+,[0-9]+$")]
    private static partial Regex AccessLine();

    [Fact]
    public void ReadAll_RecordedBinTrue_MatchesIndependentCount()
    {
        if (fixture.TruePath is null)
        {
            output.WriteLine(fixture.SkipReason);
            return;
        }

        var lines = File.ReadAllLines(fixture.TruePath);
        int expected = lines.Count(l => AccessLine().IsMatch(l));
        int valgrindLines = lines.Count(l => l.StartsWith("==", StringComparison.Ordinal));
        Assert.Equal(lines.Length, expected + valgrindLines); // Nothing else in a lackey log.

        var accesses = LackeyTraceReader.ReadAll(fixture.TruePath).ToList();
        Assert.True(expected > 10_000, $"suspiciously short trace: {expected}");
        Assert.Equal(expected, accesses.Count);
        Assert.Equal(lines.Count(l => l.StartsWith(" M", StringComparison.Ordinal)), accesses.Count(a => a.Kind == LackeyAccessKind.Modify));

        // Page touches: each access contributes one touch per page its bytes cover.
        long touches = LackeyTraceReader.ReadPageTouches(fixture.TruePath, 12).LongCount();
        long independent = accesses.Sum(a => (long)(((a.Address + a.Size - 1) / 4096) - (a.Address / 4096) + 1));
        Assert.Equal(independent, touches);
        output.WriteLine($"{accesses.Count} accesses, {touches} page touches");
    }

    [Fact]
    public void ReadPageTouches_StoreStraddlingPages_TouchesBothPagesInOrder()
    {
        if (fixture.ProgramTracePath is null)
        {
            output.WriteLine(fixture.SkipReason ?? "gcc is not installed: straddling-store test skipped");
            return;
        }

        ulong target = fixture.BufferAddress + 4094;
        var accesses = LackeyTraceReader.ReadAll(fixture.ProgramTracePath).ToList();
        int index = accesses.FindIndex(a => a.Kind == LackeyAccessKind.Store && a.Address == target && a.Size == 4);
        Assert.True(index >= 0, $"no 4-byte store at {target:x} in the trace");

        var pages = new List<ulong>();
        foreach (ulong page in accesses[index].Pages(12))
        {
            pages.Add(page);
        }

        ulong first = fixture.BufferAddress >> 12;
        Assert.Equal([first, first + 1], pages);

        // The loop's three 1-byte stores follow, one per page of the buffer.
        var laterStores = accesses.Skip(index + 1)
            .Where(a => a.Kind == LackeyAccessKind.Store && a.Size == 1 && a.Address >= fixture.BufferAddress && a.Address < fixture.BufferAddress + (3 * 4096))
            .Select(a => a.Address - fixture.BufferAddress).ToList();
        Assert.Equal([0UL, 4096UL, 8192UL], laterStores);
    }
}
