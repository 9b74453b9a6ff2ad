namespace VmQuest.Engine.Randomness;

/// <summary>
/// CPython's <c>random.Random</c>, bit for bit: the MT19937 Mersenne Twister of <c>Modules/_randommodule.c</c>
/// seeded the way <c>random.seed(int)</c> seeds it (<c>init_by_array</c> over the 32-bit words of |seed|), with
/// <c>random()</c>, <c>getrandbits(k)</c> and <c>randint(a, b)</c> as <c>Lib/random.py</c> defines them. OSTEP's
/// homework simulators draw all their randomness from it, so a problem's seed decides its answers. Integer-only:
/// <see cref="Random53"/> is the numerator of <c>random()</c> over 2^53, and <see cref="FloorTimes"/> and
/// <see cref="TimesExceeds"/> round products the way a double does, so no floating point decides a draw.
/// </summary>
public sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _state = new uint[N];
    private int _index;

    /// <summary>The generator after <c>random.seed(<paramref name="seed"/>)</c>; a negative seed is its absolute value, as in CPython.</summary>
    public PythonRandom(long seed)
    {
        ulong magnitude = seed < 0 ? (ulong)(-(seed + 1)) + 1 : (ulong)seed;
        // random_seed(): the key is |seed| as little-endian 32-bit words, at least one word (0 is [0]).
        uint[] key = magnitude >> 32 == 0 ? [(uint)magnitude] : [(uint)magnitude, (uint)(magnitude >> 32)];
        InitByArray(key);
    }

    /// <summary>The next 32-bit output (<c>genrand_uint32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Generate();
        }

        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// <c>random.random()</c> times 2^53: <c>(a &gt;&gt; 5) * 2^26 + (b &gt;&gt; 6)</c> from two 32-bit draws
    /// (<c>genrand_res53</c>). <c>random()</c> itself is this over 2^53, exactly representable as a double.
    /// </summary>
    public ulong Random53()
    {
        ulong a = NextUInt32() >> 5;
        ulong b = NextUInt32() >> 6;
        return (a << 26) | b;
    }

    /// <summary><c>random.getrandbits(k)</c> for 0 ≤ k ≤ 64: the first draw fills the low 32 bits, the last is shifted right.</summary>
    public ulong GetRandBits(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 64);
        if (k == 0)
        {
            return 0;
        }

        if (k <= 32)
        {
            return NextUInt32() >> (32 - k);
        }

        ulong low = NextUInt32();
        ulong high = NextUInt32() >> (64 - k);
        return low | (high << 32);
    }

    /// <summary>
    /// <c>random.randint(a, b)</c>: <c>a + _randbelow(b - a + 1)</c>, where <c>_randbelow_with_getrandbits(n)</c> draws
    /// <c>getrandbits(n.bit_length())</c> until the value is below n.
    /// </summary>
    public long RandInt(long a, long b)
    {
        if (b < a)
        {
            throw new ArgumentOutOfRangeException(nameof(b), $"empty range for randint({a}, {b})");
        }

        ulong n = (ulong)(b - a) + 1;
        if (n == 0)
        {
            // The whole 64-bit range: 2^64 has 65 bits, beyond what GetRandBits draws here.
            throw new ArgumentOutOfRangeException(nameof(b), "randint over the whole 64-bit range is not supported");
        }

        int k = 64 - System.Numerics.BitOperations.LeadingZeroCount(n);
        ulong r = GetRandBits(k);
        while (r >= n)
        {
            r = GetRandBits(k);
        }

        return a + (long)r;
    }

    /// <summary>
    /// <c>int(n * random())</c> (or <c>int(random() * n)</c>) in Python for 0 ≤ n &lt; 2^53, as a double computes it:
    /// the exact product is rounded to 53 significant bits (to nearest, ties to even), then truncated.
    /// </summary>
    public static long FloorTimes(long n, ulong random53)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        UInt128 rounded = RoundToDouble((UInt128)(ulong)n * random53);
        return (long)(ulong)(rounded >> 53);
    }

    /// <summary><c>random() * n &gt; limit</c> in Python (both sides doubles; 0 ≤ n, limit &lt; 2^53 whole numbers).</summary>
    public static bool TimesExceeds(long n, ulong random53, long limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return RoundToDouble((UInt128)(ulong)n * random53) > (UInt128)(ulong)limit << 53;
    }

    // The product p (a value times 2^53) rounded to the nearest double, kept as a value times 2^53: keep the top 53
    // significant bits, round the rest to nearest with ties to even, as IEEE 754 multiplication does.
    private static UInt128 RoundToDouble(UInt128 p)
    {
        int bits = 128 - (int)UInt128.LeadingZeroCount(p);
        if (bits <= 53)
        {
            return p;
        }

        int drop = bits - 53;
        UInt128 unit = UInt128.One << drop;
        UInt128 rest = p & (unit - 1);
        UInt128 kept = p >> drop;
        UInt128 half = unit >> 1;
        if (rest > half || (rest == half && (kept & 1) == 1))
        {
            kept++;
        }

        return kept << drop;
    }

    // init_genrand(): the linear-congruential fill from one 32-bit seed.
    private void InitGenRand(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < N; i++)
        {
            _state[i] = (1812433253U * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i;
        }

        _index = N;
    }

    // init_by_array(): mixes the key words into the state, as random_seed() calls it.
    private void InitByArray(uint[] key)
    {
        InitGenRand(19650218U);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525U)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }

            if (j >= key.Length)
            {
                j = 0;
            }
        }

        for (int k = N - 1; k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941U)) - (uint)i;
            i++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }
        }

        _state[0] = 0x80000000U;
    }

    // The twist: regenerates all 624 words (the first half of genrand_uint32).
    private void Generate()
    {
        for (int kk = 0; kk < N; kk++)
        {
            uint y = (_state[kk] & UpperMask) | (_state[(kk + 1) % N] & LowerMask);
            _state[kk] = _state[(kk + M) % N] ^ (y >> 1) ^ ((y & 1) == 0 ? 0U : MatrixA);
        }

        _index = 0;
    }
}
