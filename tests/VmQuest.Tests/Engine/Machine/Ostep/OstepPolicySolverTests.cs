using System.Globalization;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Ostep;
using VmQuest.Engine.Randomness;
using VmQuest.Tests.Engine.Randomness;

namespace VmQuest.Tests.Engine.Machine.Ostep;

public sealed class OstepPolicySolverTests
{
    // The oracle: Python's own generator replaying the homework's algorithm as its README describes it (the pages
    // drawn first as int(maxpage * random()), then RAND's and CLOCK's draws), written here, not copied.
    private const string Oracle = """
        import random
        random.seed(seed)
        pages = [int(maxpage * random.random()) for _ in range(n)]
        memory, ref = [], {}
        for p in pages:
            hit = p in memory
            victim = -1
            if not hit:
                if len(memory) == size:
                    if policy == 'RAND':
                        victim = memory.pop(int(random.random() * len(memory)))
                    else:
                        while True:
                            cand = memory[int(random.random() * len(memory))]
                            if ref[cand] >= 1:
                                ref[cand] -= 1
                            else:
                                victim = cand
                                memory.remove(cand)
                                del ref[cand]
                                break
                memory.append(p)
            ref[p] = min(ref[p] + 1, bits) if p in ref else 1
            print(p, 'hit' if hit else 'miss', victim, ','.join(map(str, memory)))
        """;

    [PythonTheory]
    [InlineData(0L, "RAND", 3, 10, 10, 2)]
    [InlineData(1L, "RAND", 4, 200, 12, 2)]
    [InlineData(77L, "CLOCK", 3, 200, 10, 2)]
    [InlineData(5L, "CLOCK", 5, 300, 20, 1)]
    [InlineData(-9L, "CLOCK", 2, 100, 6, 3)]
    [InlineData(123456789L, "CLOCK", 4, 150, 9, 0)]
    public void Solve_GeneratedProblem_MatchesPythonReplay(long seed, string policy, int size, int count, int maxPage, int clockBits)
    {
        var text = Problem(seed, policy, size, count, maxPage, clockBits);
        var expected = PythonOracle.Run(
            $"seed, policy, size, n, maxpage, bits = {seed}, '{policy}', {size}, {count}, {maxPage}, {clockBits}\n" + Oracle + "\n");

        var steps = OstepPolicySolver.Solve(OstepPolicyProblemReader.Read(text, "p.txt"));

        var actual = steps.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Page} {(s.Hit ? "hit" : "miss")} {s.Victim ?? -1} {string.Join(',', s.Memory)}")).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Read_AddressesGeneratedWithoutAccessLines_PagesComeFromTheSeed()
    {
        var text = Problem(0, "FIFO", 3, 10, 10, 2);
        var withoutAccess = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("Access:", StringComparison.Ordinal)));

        var problem = OstepPolicyProblemReader.Read(withoutAccess, "p.txt");

        Assert.Equal([8L, 7, 4, 2, 5, 4, 7, 3, 4, 5], problem.Pages);
        Assert.Equal(10, problem.DrawsBeforeSolving);
    }

    [Fact]
    public void Read_AccessLinesNotWhatTheSeedGenerates_ErrorNamesTheSeedLine()
    {
        var text = Problem(0, "RAND", 3, 10, 10, 2).Replace("ARG seed 0", "ARG seed 1", StringComparison.Ordinal);

        var e = Assert.Throws<InputFileException>(() => OstepPolicyProblemReader.Read(text, "p.txt"));

        Assert.StartsWith("p.txt:8: the 'Access:' lines are not the 10 pages 'ARG seed 1' generates", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RandWithoutAnySeed_ErrorAsksForTheSeed()
    {
        var text = "Assuming a replacement policy of RAND, and a cache of size 2 pages,\nAccess: 1\nAccess: 2\nAccess: 3\n";

        var e = Assert.Throws<InputFileException>(() => OstepPolicyProblemReader.Read(text, "p.txt"));

        Assert.StartsWith("p.txt:1: policy RAND draws from Python's random generator, so its answers depend on the seed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ListedPagesWithUserSeed_NoDrawsBeforeSolving()
    {
        var text = "Assuming a replacement policy of RAND, and a cache of size 2 pages,\nAccess: 1\nAccess: 2\nAccess: 3\n";

        var problem = OstepPolicyProblemReader.Read(text, "p.txt", 4);

        Assert.Equal(4, problem.Seed);
        Assert.Equal(0, problem.DrawsBeforeSolving);
        var random = new PythonRandom(4);
        var victimIndex = PythonRandom.FloorTimes(2, random.Random53());
        Assert.Equal(victimIndex == 0 ? 1L : 2L, OstepPolicySolver.Solve(problem)[2].Victim);
    }

    [Fact]
    public void Solve_SameSeedTwice_SameVictims()
    {
        var problem = OstepPolicyProblemReader.Read(Problem(3, "CLOCK", 3, 60, 8, 2), "p.txt");

        Assert.Equal(OstepPolicySolver.Solve(problem).Select(s => s.Victim), OstepPolicySolver.Solve(problem).Select(s => s.Victim));
    }

    /// <summary>A problem as paging-policy.py prints it without -c (pages from the seed, as -a -1 draws them).</summary>
    internal static string Problem(long seed, string policy, int size, int count, int maxPage, int clockBits)
    {
        var random = new PythonRandom(seed);
        var pages = Enumerable.Range(0, count).Select(_ => PythonRandom.FloorTimes(maxPage, random.Random53())).ToList();
        return $"ARG addresses -1\nARG addressfile \nARG numaddrs {count}\nARG policy {policy}\nARG clockbits {clockBits}\n"
            + $"ARG cachesize {size}\nARG maxpage {maxPage}\nARG seed {seed}\nARG notrace False\n\n"
            + $"Assuming a replacement policy of {policy}, and a cache of size {size} pages,\nfigure out whether each of the following page references hit or miss\nin the page cache.\n\n"
            + string.Concat(pages.Select(p => $"Access: {p}  Hit/Miss?  State of Memory?\n")) + "\n";
    }
}
