using FsCheck;
using FsCheck.Fluent;
using VmQuest.Levels.Model;
using VmQuest.Levels.Traces;
using VmQuest.Play.Policy;
using VmQuest.Play.Policy.Language;

namespace VmQuest.Tests.Game.Play.Policy;

/// <summary>The docs' FIFO and Clock, written in the rule language, fault exactly as the kernel's own fifo and clock.</summary>
public class PolicyEquivalenceTests
{
    private static List<(ulong, bool)> Trace(TraceGeneratorKind kind, int pages, int seed) =>
        [.. TraceGenerator.Generate(new TraceGeneratorSpec(kind, 300, pages, 30, Math.Max(1, pages / 4), 80, 50, 10), (ulong)seed).Select(r => ((ulong)r.Page, r.IsWrite))];

    [Theory]
    [InlineData("fifo")]
    [InlineData("clock")]
    public void Library_OnTheShownTrace_FaultsAsTheKernelsOwn(string name)
    {
        var level = PolicyLevels.Aging();
        var references = VmQuest.Play.LevelReferences.Of(level);

        var mine = PolicyTraceRun.WithProgram(level, references, 4, PolicyParser.Parse(PolicyLibrary.Of(name)!));
        var kernel = PolicyTraceRun.WithBuiltIn(level, references, 4, name);

        Assert.Null(mine.Error);
        Assert.Equal(kernel.Faults, mine.Faults);
        Assert.Equal(name == "fifo" ? 90 : 76, mine.Faults);
    }

    [Fact]
    public void Library_OnAnyGeneratedTraceAndFrames_FifoAndClockFaultAsTheKernelsOwn()
    {
        var level = PolicyLevels.Aging();
        var fifo = PolicyParser.Parse(PolicyLibrary.Fifo);
        var clock = PolicyParser.Parse(PolicyLibrary.Clock);
        var property = Prop.ForAll(
            Gen.Elements(TraceGeneratorKind.Uniform, TraceGeneratorKind.Looping, TraceGeneratorKind.Locality).ToArbitrary(),
            Gen.Choose(2, 24).ToArbitrary(), Gen.Choose(0, 800_000).ToArbitrary(),
            (kind, pages, draw) =>
            {
                // One draw gives both the frames (1 to 8) and the trace's seed.
                var frames = 1 + (draw % 8);
                var references = Trace(kind, pages, draw / 8);
                return PolicyTraceRun.WithProgram(level, references, frames, fifo).Faults == PolicyTraceRun.WithBuiltIn(level, references, frames, "fifo").Faults
                    && PolicyTraceRun.WithProgram(level, references, frames, clock).Faults == PolicyTraceRun.WithBuiltIn(level, references, frames, "clock").Faults;
            });
        property.QuickCheckThrowOnFailure();
    }
}
