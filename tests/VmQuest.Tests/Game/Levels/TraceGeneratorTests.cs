using FsCheck;
using FsCheck.Fluent;
using VmQuest.Levels.Model;
using VmQuest.Levels.Traces;

namespace VmQuest.Tests.Game.Levels;

public class TraceGeneratorTests
{
    private static TraceGeneratorSpec Spec(TraceGeneratorKind kind, int length = 1000, int pages = 16) =>
        new(kind, length, pages, WritePercent: 25, HotPages: 4, HotPercent: 90, PhaseLength: 0, NoisePercent: 0);

    [Fact]
    public void Generate_SameSpecAndSeed_GivesTheSameReferences()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Elements(TraceGeneratorKind.Uniform, TraceGeneratorKind.Looping, TraceGeneratorKind.Locality).ToArbitrary(),
            (seed, kind) => TraceGenerator.Generate(Spec(kind), (ulong)seed).SequenceEqual(TraceGenerator.Generate(Spec(kind), (ulong)seed)));
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Generate_AnySpec_StaysWithinItsPagesAndLength()
    {
        var property = Prop.ForAll(Gen.Choose(1, 500).ToArbitrary(), Gen.Choose(1, 64).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (length, pages, seed) =>
        {
            var spec = new TraceGeneratorSpec(TraceGeneratorKind.Locality, length, pages, 50, Math.Max(1, pages / 3), 70, 7, 0);
            var refs = TraceGenerator.Generate(spec, (ulong)seed);
            return refs.Length == length && refs.All(r => r.Page >= 0 && r.Page < pages);
        });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Generate_DifferentSeeds_GiveDifferentTraces()
    {
        Assert.NotEqual(TraceGenerator.Generate(Spec(TraceGeneratorKind.Uniform), 1), TraceGenerator.Generate(Spec(TraceGeneratorKind.Uniform), 2));
    }

    [Fact]
    public void Generate_LoopingWithoutNoise_SweepsThePagesInOrder()
    {
        var spec = new TraceGeneratorSpec(TraceGeneratorKind.Looping, 10, 4, 0, 1, 80, 0, 0);

        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3, 0, 1], TraceGenerator.Generate(spec, 99).Select(r => r.Page));
    }

    [Fact]
    public void Generate_Locality_MostReferencesFallInTheHotSet()
    {
        var refs = TraceGenerator.Generate(Spec(TraceGeneratorKind.Locality, 10_000), 7);

        Assert.InRange(refs.Count(r => r.Page < 4), 9_000, 10_000);
        Assert.InRange(refs.Count(r => r.IsWrite), 2_000, 3_000);
    }

    [Fact]
    public void Generate_FixedSeed_GivesThePinnedTrace()
    {
        // Pinned: the documented algorithm must not change silently (it would change results under an unchanged level hash).
        var spec = new TraceGeneratorSpec(TraceGeneratorKind.Uniform, 8, 10, 0, 1, 80, 0, 0);

        Assert.Equal("0,3,6,9,9,7,7,8", string.Join(",", TraceGenerator.Generate(spec, 42).Select(r => r.Page)));
    }
}
