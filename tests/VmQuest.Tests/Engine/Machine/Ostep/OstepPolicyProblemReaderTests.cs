using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Ostep;

namespace VmQuest.Tests.Engine.Machine.Ostep;

public class OstepPolicyProblemReaderTests
{
    [Fact]
    public void Read_GeneratedAddresses_PagesFromAccessLines()
    {
        var problem = OstepPolicyProblemReader.Read(OstepPolicySamples.Generated("LRU", 4), "p.txt");

        Assert.Equal("LRU", problem.Policy);
        Assert.Equal(4, problem.CacheSize);
        Assert.Equal([8L, 7, 4, 2, 5, 4, 7, 3, 4, 5], problem.Pages);
    }

    [Fact]
    public void Read_ListedAddressesWithoutAccessLines_PagesFromArg()
    {
        var problem = OstepPolicyProblemReader.Read("ARG addresses 1,2,3,1\nARG policy opt\nARG cachesize 2\n", "p.txt");

        Assert.Equal("OPT", problem.Policy);
        Assert.Equal([1L, 2, 3, 1], problem.Pages);
    }

    [Fact]
    public void Read_OnlyTheSentence_PolicyAndSizeFromIt()
    {
        var problem = OstepPolicyProblemReader.Read("Assuming a replacement policy of UNOPT, and a cache of size 2 pages,\nAccess: 1  Hit/Miss?  State of Memory?\n", "p.txt");

        Assert.Equal("UNOPT", problem.Policy);
        Assert.Equal(2, problem.CacheSize);
    }

    [Theory]
    [InlineData("RAND")]
    [InlineData("CLOCK")]
    public void Read_RandomisedPolicy_SeedAndDrawsFromTheArgLines(string policy)
    {
        var problem = OstepPolicyProblemReader.Read(OstepPolicySamples.Generated(policy), "p.txt");

        Assert.Equal(policy, problem.Policy);
        Assert.Equal(0, problem.Seed);
        Assert.Equal(10, problem.DrawsBeforeSolving);
        Assert.Equal(2, problem.ClockBits);
    }

    [Fact]
    public void Read_ListAndAccessLinesDisagree_ErrorNamesTheList()
    {
        var text = OstepPolicySamples.Listed("FIFO", 3, 1, 2, 3).Replace("Access: 3", "Access: 9", StringComparison.Ordinal);

        var e = Assert.Throws<InputFileException>(() => OstepPolicyProblemReader.Read(text, "p.txt"));

        Assert.StartsWith("p.txt:1: the 'ARG addresses' list and the 'Access:' lines", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ARG policy FIFO\nARG cachesize 0\nAccess: 1\n", "p.txt:2: the cache size must be")]
    [InlineData("ARG policy FIFO\nARG cachesize 2\nAccess: one\n", "p.txt:3: expected 'Access: N")]
    [InlineData("ARG policy LFU\nARG cachesize 2\nAccess: 1\n", "p.txt:1: unknown policy 'LFU'")]
    [InlineData("ARG policy FIFO\nAccess: 1\n", "p.txt:1: missing the cache size")]
    [InlineData("ARG policy FIFO\nARG cachesize 2\n", "p.txt:3: no page references")]
    [InlineData("ARG policy FIFO\nARG cachesize 2\nAssuming a replacement policy of LRU, and a cache of size 2 pages,\n", "p.txt:3: the policy 'LRU' disagrees with 'FIFO' on line 1")]
    public void Read_BadProblem_OneLineErrorNamingTheLine(string text, string expected)
    {
        var e = Assert.Throws<InputFileException>(() => OstepPolicyProblemReader.Read(text, "p.txt"));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void IsPolicyProblem_LinearProblem_False() =>
        Assert.False(OstepPolicyProblemReader.IsPolicyProblem(OstepSamples.Linear));
}
