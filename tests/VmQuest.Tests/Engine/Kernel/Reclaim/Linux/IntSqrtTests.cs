using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Kernel.Reclaim.Linux;

namespace VmQuest.Tests.Engine.Kernel.Reclaim.Linux;

public class IntSqrtTests
{
    [Theory]
    [InlineData(0UL, 0L)]
    [InlineData(1UL, 1L)]
    [InlineData(2UL, 1L)]
    [InlineData(4UL, 2L)]
    [InlineData(40UL, 6L)]
    [InlineData(262144UL, 512L)]
    [InlineData(ulong.MaxValue, 4294967295L)]
    public void Of_KnownValues_RoundsDown(ulong x, long expected) => Assert.Equal(expected, IntSqrt.Of(x));

    [Fact]
    public void Of_AnyValue_IsTheFloorOfTheSquareRoot()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(v => (ulong)v * (ulong)v + (ulong)(v % 7)).ToArbitrary(), x =>
        {
            var root = (ulong)IntSqrt.Of(x);
            Assert.True(root * root <= x && (root + 1) * (root + 1) > x, $"int_sqrt({x}) = {root}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }
}
