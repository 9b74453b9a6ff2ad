using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Randomness;

namespace VmQuest.Tests.Engine.Randomness;

public sealed class PythonRandomTests
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    [PythonTheory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(5L)]
    [InlineData(-7L)]
    [InlineData(4294967295L)]
    [InlineData(4294967296L)]
    [InlineData(123456789012345L)]
    [InlineData(long.MinValue)]
    public void NextUInt32_AnySeed_MatchesPythonGetrandbits32(long seed)
    {
        var expected = PythonOracle.Run($"import random\nrandom.seed({seed})\nfor _ in range(1300): print(random.getrandbits(32))\n");
        var random = new PythonRandom(seed);
        var actual = Enumerable.Range(0, 1300).Select(_ => random.NextUInt32().ToString(C)).ToArray();
        Assert.Equal(expected, actual);
    }

    [PythonTheory]
    [InlineData(0L)]
    [InlineData(42L)]
    [InlineData(-3L)]
    public void Random53_AnySeed_IsPythonRandomTimesTwoTo53(long seed)
    {
        var expected = PythonOracle.Run($"import random\nrandom.seed({seed})\nfor _ in range(700): print(int(random.random() * 2**53))\n");
        var random = new PythonRandom(seed);
        Assert.Equal(expected, Enumerable.Range(0, 700).Select(_ => random.Random53().ToString(C)).ToArray());
    }

    [PythonTheory]
    [InlineData(0L, 1L, 6L)]
    [InlineData(9L, 0L, 0L)]
    [InlineData(10L, -5L, 1000L)]
    [InlineData(11L, 0L, 4294967296L)]
    [InlineData(12L, 3L, 1L << 40)]
    public void RandInt_AnyRange_MatchesPython(long seed, long a, long b)
    {
        var expected = PythonOracle.Run($"import random\nrandom.seed({seed})\nfor _ in range(500): print(random.randint({a}, {b}))\n");
        var random = new PythonRandom(seed);
        Assert.Equal(expected, Enumerable.Range(0, 500).Select(_ => random.RandInt(a, b).ToString(C)).ToArray());
    }

    [PythonTheory]
    [InlineData(1L)]
    [InlineData(2L)]
    public void GetRandBits_EveryWidth_MatchesPython(long seed)
    {
        var expected = PythonOracle.Run($"import random\nrandom.seed({seed})\nfor k in range(65): print(random.getrandbits(k))\n");
        var random = new PythonRandom(seed);
        Assert.Equal(expected, Enumerable.Range(0, 65).Select(k => random.GetRandBits(k).ToString(C)).ToArray());
    }

    [PythonFact]
    public void FloorTimes_ProductsThatRoundUp_MatchPythonIntOfProduct()
    {
        // Numerators just below a multiple of 2^53 / n, where the double product rounds up to the next whole number,
        // and ordinary draws: int(n * random()) must agree with Python's for both.
        var cases = new List<(long N, ulong R)>();
        var random = new PythonRandom(99);
        foreach (long n in new long[] { 3, 10, 31, 100, 128, 1000, 1 << 20, 999_999_937 })
        {
            for (int i = 0; i < 40; i++)
            {
                cases.Add((n, random.Random53()));
            }

            for (ulong m = 1; m < 6; m++)
            {
                // The largest r with r * n < m * 2^53: the exact product is just below m.
                ulong r = (ulong)(((UInt128)m << 53) - 1) / (ulong)n;
                if (r < 1UL << 53)
                {
                    cases.Add((n, r));
                    cases.Add((n, r - 1));
                }
            }
        }

        var script = string.Concat(cases.Select(c => $"print(int({c.N} * ({c.R} / 2**53)), 1 if ({c.R} / 2**53) * 100.0 > float({c.N} % 100) else 0)\n"));
        var expected = PythonOracle.Run(script);
        var actual = cases.Select(c => string.Create(C, $"{PythonRandom.FloorTimes(c.N, c.R)} {(PythonRandom.TimesExceeds(100, c.R, c.N % 100) ? 1 : 0)}")).ToArray();
        Assert.Equal(expected, actual);
        Assert.Contains(cases, c => PythonRandom.FloorTimes(c.N, c.R) != (long)((UInt128)(ulong)c.N * c.R >> 53));
    }

    [Fact]
    public void Constructor_SameSeed_SameSequence()
    {
        Prop.ForAll<long>(seed =>
        {
            var a = new PythonRandom(seed);
            var b = new PythonRandom(seed);
            return Enumerable.Range(0, 50).All(_ => a.NextUInt32() == b.NextUInt32());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Constructor_NegativeSeed_SameAsItsAbsoluteValue()
    {
        var a = new PythonRandom(-12345);
        var b = new PythonRandom(12345);
        Assert.Equal(a.Random53(), b.Random53());
    }

    [Fact]
    public void RandInt_EmptyRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PythonRandom(0).RandInt(5, 4));
    }

    [Fact]
    public void FloorTimes_RandomBelowOne_StaysBelowN()
    {
        Prop.ForAll<int, ulong>((n, r) =>
        {
            long size = Math.Abs((long)n) + 1;
            long value = PythonRandom.FloorTimes(size, r & ((1UL << 53) - 1));
            return value >= 0 && value <= size;
        }).QuickCheckThrowOnFailure();
    }
}
