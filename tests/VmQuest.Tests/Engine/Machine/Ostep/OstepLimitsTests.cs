using VmQuest.Engine.Formats;
using VmQuest.Engine.Machine.Ostep;

namespace VmQuest.Tests.Engine.Machine.Ostep;

public sealed class OstepLimitsTests
{
    [Fact]
    public void Solve_Issue8_ValidPteWithFrameBeyondPhysicalMemory_TranslatesAndSaysSo()
    {
        // paging-linear-translate.py prints pfn * pagesize + offset for any valid entry; 0x80000040 is PFN 64 of a
        // 16-frame memory. VmQuest used to call the VPN "not valid".
        var text = OstepSamples.Linear.Replace("   0x8000000f", "   0x80000040", StringComparison.Ordinal);
        var answers = OstepSolver.Solve(OstepProblemReader.Read(text, "p.txt"));

        var last = answers[3];
        Assert.Equal("ok", last.Result);
        Assert.Equal((64UL * 4096) + 0xfff, last.PhysicalAddress);
        Assert.True(last.BeyondPhysicalMemory);
        Assert.False(answers[0].BeyondPhysicalMemory);
    }

    [Fact]
    public void Read_Issue8_PhysicalMemoryOfTooManyFrames_RefusedAtItsArgLine()
    {
        var text = OstepSamples.Linear.Replace("ARG phys mem size 64k", "ARG phys mem size 1p", StringComparison.Ordinal);
        var e = Assert.ThrowsAny<FormatParseException>(() => OstepProblemReader.Read(text, "p.txt"));
        Assert.StartsWith("p.txt:3: physical memory and page table need 274,877,906,945 frames of 4096 bytes; expected at most 1,048,576", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Issue8_PolicyCacheOverTheLimit_Refused()
    {
        var e = Assert.ThrowsAny<FormatParseException>(() => OstepPolicyProblemReader.Read(OstepPolicySamples.Listed("LRU", 101, 1, 2, 3), "q.txt"));
        Assert.Contains("the cache size must be a whole number of pages from 1 to 100, not '101'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Issue8_PolicyReferencesOverTheLimit_Refused()
    {
        var pages = Enumerable.Range(0, 4001).ToArray();
        var e = Assert.ThrowsAny<FormatParseException>(() => OstepPolicyProblemReader.Read(OstepPolicySamples.Listed("OPT", 3, pages), "q.txt"));
        Assert.Contains("more than 4,000 pages in 'ARG addresses'", e.Message, StringComparison.Ordinal);
    }
}
