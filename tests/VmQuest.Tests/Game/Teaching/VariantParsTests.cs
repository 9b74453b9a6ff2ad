using FsCheck;
using FsCheck.Fluent;
using VmQuest.Teaching;

namespace VmQuest.Tests.Game.Teaching;

public class VariantParsTests
{
    [Theory]
    [InlineData(60, 48, 42, 69)]
    [InlineData(7, 7, 7, 7)]
    [InlineData(7, 6, 7, 6)]
    [InlineData(1250000, 1213448, 1213448, 1250000)]
    [InlineData(5, 3, 0, 5)]
    public void Scale_RoundsUp_KeepsTheValueForAZeroDenominator(long par, long numerator, long denominator, long expected)
    {
        Assert.Equal(expected, VariantPars.Scale(par, numerator, denominator));
    }

    [Fact]
    public void Scale_ParAtLeastItsOptimum_StaysAtLeastTheNewOptimum()
    {
        // A par at or above the original's optimum stays at or above the variant's: no variant asks for less than possible.
        var property = Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), Gen.Choose(1, 1_000_000).ToArbitrary(),
            (optimum, slack, newOptimum) => VariantPars.Scale((long)optimum + slack, newOptimum, optimum) >= newOptimum);
        property.QuickCheckThrowOnFailure();
    }
}
