namespace VmQuest.Engine.Kernel.Reclaim.Linux;

/// <summary>Linux's <c>int_sqrt</c> (lib/math/int_sqrt.c): the integer square root, rounded down, with integers only.</summary>
public static class IntSqrt
{
    /// <summary>⌊√<paramref name="x"/>⌋.</summary>
    public static long Of(ulong x)
    {
        if (x <= 1)
        {
            return (long)x;
        }

        // The digit-by-digit method int_sqrt uses: m walks down the even powers of two.
        ulong m = 1UL << ((63 - System.Numerics.BitOperations.LeadingZeroCount(x)) & ~1);
        ulong y = 0;
        while (m != 0)
        {
            var b = y + m;
            y >>= 1;
            if (x >= b)
            {
                x -= b;
                y += m;
            }

            m >>= 2;
        }

        return (long)y;
    }
}
