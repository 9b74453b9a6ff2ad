using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

public class WorkloadSymbolCheckTests
{
    private static void Check(string text, params string[] preBound) =>
        WorkloadSymbolCheck.Check(WorkloadParser.Parse(text, "s.vmw"), preBound);

    [Theory]
    [InlineData("read heap + text + data + bss + stack + mmap")]
    [InlineData("malloc buf 16\nwrite buf = 1\nfree buf")]
    [InlineData("mmap m 4K\nmunmap m 4K")]
    [InlineData("for i in 0..4\n  for j in 0..i\n    read i + j\n  end\nend")]
    [InlineData("repeat 2\n  if child\n    read later\n  end\n  malloc later 8\nend")]
    public void Check_KnownNames_Passes(string text) => Check(text);

    [Fact]
    public void Check_PreBoundName_Passes() => Check("write consoleVar", "consoleVar");

    [Theory]
    [InlineData("read hepa", "s.vmw:1:6: unknown symbol 'hepa': not a region, a loop variable, or a name bound by malloc or mmap")]
    [InlineData("malloc buf 8\nwrite buf = bfu", "s.vmw:2:13: unknown symbol 'bfu': not a region, a loop variable, or a name bound by malloc or mmap")]
    [InlineData("for i in 0..2\nend\nread i", "s.vmw:3:6: unknown symbol 'i': not a region, a loop variable, or a name bound by malloc or mmap")]
    [InlineData("free p", "s.vmw:1:1: unknown symbol 'p': not a region, a loop variable, or a name bound by malloc or mmap")]
    [InlineData("for i in 0..n\nend", "s.vmw:1:13: unknown symbol 'n': not a region, a loop variable, or a name bound by malloc or mmap")]
    public void Check_UnknownName_ThrowsAtIt(string text, string message)
    {
        var e = Assert.Throws<WorkloadParseException>(() => Check(text));
        Assert.Equal(message, e.Message);
    }
}
