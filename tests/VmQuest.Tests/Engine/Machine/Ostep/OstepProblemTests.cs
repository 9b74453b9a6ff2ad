using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Ostep;

namespace VmQuest.Tests.Engine.Machine.Ostep;

public class OstepProblemTests
{
    private static IReadOnlyList<OstepAnswer> Solve(string text) => OstepSolver.Solve(OstepProblemReader.Read(text, "p.txt"));

    [Fact]
    public void Solve_LinearProblem_MatchesHandComputedAnswers()
    {
        var answers = Solve(OstepSamples.Linear);

        Assert.Equal(["ok", "invalid", "ok", "ok"], answers.Select(a => a.Result));
        Assert.Equal([0x3abcUL, null, 0x9001UL, 0xffffUL], answers.Select(a => a.PhysicalAddress));
        Assert.All(answers, a => Assert.Null(a.Value));
    }

    [Fact]
    public void Read_LinearProblem_ParsesSizesTableAndQuestions()
    {
        var problem = OstepProblemReader.Read(OstepSamples.Linear, "p.txt");

        Assert.Equal(OstepProblemKind.Linear, problem.Kind);
        Assert.Equal((16384UL, 65536UL, 4096UL), (problem.AddressSpaceSize, problem.PhysicalMemorySize, problem.PageSize));
        Assert.Equal([0x80000003u, 0u, 0x80000009u, 0x8000000fu], problem.PageTable);
        Assert.Equal(23, problem.Questions[0].Line);
    }

    [Fact]
    public void Solve_VerboseLinearProblem_MatchesHandComputedAnswers()
    {
        var answers = Solve(OstepSamples.LinearVerbose);

        Assert.Equal(["ok", "ok", "invalid"], answers.Select(a => a.Result));
        Assert.Equal([0x7dffUL, 0x805UL, null], answers.Select(a => a.PhysicalAddress));
    }

    [Fact]
    public void Solve_MultilevelProblem_MatchesHandComputedAnswers()
    {
        var answers = Solve(OstepSamples.Multilevel());

        Assert.Equal(["ok", "pte_fault", "pde_fault", "ok"], answers.Select(a => a.Result));
        Assert.Equal([0x507UL, null, null, 0x3fUL], answers.Select(a => a.PhysicalAddress));
        Assert.Equal([(byte?)0x07, null, null, (byte?)0x11], answers.Select(a => a.Value));
        Assert.Equal([0x140UL + 3, 0x280UL + 5], answers[0].Steps.Select(s => s.EntryAddress)); // page 10, page 20
        Assert.Equal([0x94UL, 0xa8UL], answers[0].Steps.Select(s => s.Entry));
    }

    [Fact]
    public void Solve_MultilevelDumpWithoutSpacesBetweenBytes_SameAnswers()
    {
        // Some ports of the simulator print each page as one run of hex digits: "page 108:83fee0da7f…".
        string packed = string.Join('\n', OstepSamples.Multilevel().Split('\n')
            .Select(l => l.StartsWith("page", StringComparison.Ordinal) ? l[..9] + l[9..].Replace(" ", "", StringComparison.Ordinal) : l));

        var answers = Solve(packed);

        Assert.Equal(["ok", "pte_fault", "pde_fault", "ok"], answers.Select(a => a.Result));
        Assert.Equal([(byte?)0x07, null, null, (byte?)0x11], answers.Select(a => a.Value));
    }

    [Theory]
    [InlineData("hello\nworld\n", 1, "not an OSTEP paging problem")]
    [InlineData("ARG address space size 16k\nARG phys mem size 64k\nARG page size 4k\nPage Table (from entry 0 down to the max size)\n   0x8000000g\n", 5, "expected a 32-bit page-table entry")]
    [InlineData("ARG address space size 16k\nARG phys mem size 64k\nARG page size 4k\nPage Table (from entry 0 down to the max size)\n   0x80000001\n", 4, "expected 4 page-table entries")]
    [InlineData("ARG address space size 16k\nARG phys mem size 64k\nARG page size 3k\nPage Table (from entry 0 down to the max size)\n   0x80000001\n", 3, "power of two")]
    [InlineData("ARG address space size lots\nPage Table (from entry 0 down to the max size)\n", 1, "must be a size like 16k")]
    [InlineData("ARG address space size 8k\nARG phys mem size 8k\nARG page size 4k\nPage Table (from entry 0 down to the max size)\n   0x80000001\n   0x0\n\nVA 0x00000001 (decimal:        2) --> PA or invalid address?\n", 8, "disagree")]
    public void Read_MalformedLinearProblem_NamesTheLine(string text, int line, string expected)
    {
        var e = Assert.Throws<InputFileException>(() => OstepProblemReader.Read(text, "bad.txt"));

        Assert.Equal(line, e.Line);
        Assert.StartsWith($"bad.txt:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Read_MultilevelDumpMissingPages_SaysWhichPage()
    {
        var e = Assert.Throws<InputFileException>(() => OstepProblemReader.Read(OstepSamples.Multilevel(pages: 100), "m.txt"));

        Assert.Contains("no 'page 100:' line", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MultilevelBadPdbr_NamesTheLine()
    {
        var e = Assert.Throws<InputFileException>(() => OstepProblemReader.Read(OstepSamples.Multilevel(pdbrLine: "PDBR: lots"), "m.txt"));

        Assert.Equal(133, e.Line);                                   // 4 ARG/blank lines + 128 pages + 1
        Assert.Contains("expected 'PDBR: N  (decimal)'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MultilevelShortPage_NamesTheLine()
    {
        string text = OstepSamples.Multilevel().Replace("page   7:7f 7f", "page   7:7f", StringComparison.Ordinal);

        var e = Assert.Throws<InputFileException>(() => OstepProblemReader.Read(text, "m.txt"));

        Assert.Equal(12, e.Line);
        Assert.Contains("expected 32 hex bytes", e.Message, StringComparison.Ordinal);
    }
}
