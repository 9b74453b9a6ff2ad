namespace VmQuest.Engine.Kernel.Reclaim.Linux;

/// <summary>
/// A zone's free-page watermarks, in pages, as Linux 6.18 sets them at boot: <c>calculate_min_free_kbytes</c>
/// (min_free_kbytes = <c>int_sqrt(lowmem_kbytes × 16)</c>, clamped to 128 KiB … 256 MiB) and
/// <c>__setup_per_zone_wmarks</c> (each zone's share of it is <i>min</i>; <i>low</i> and <i>high</i> add
/// max(min / 4, managed × <c>watermark_scale_factor</c> / 10000) each, the factor being 10 by default). Below
/// <i>low</i> an allocation wakes kswapd, which reclaims until free pages exceed <i>high</i>; at or below <i>min</i>
/// the allocation reclaims itself (direct reclaim). The simulated machine is one zone.
/// <para>
/// Not modelled: khugepaged raising min_free_kbytes when transparent huge pages are enabled
/// (<c>set_recommended_min_free_kbytes</c>), <c>watermark_boost</c>, <c>lowmem_reserve</c>.
/// </para>
/// </summary>
/// <param name="ManagedPages">The zone's pages the page allocator manages (<c>zone_managed_pages</c>).</param>
/// <param name="MinFreeKbytes">The <c>vm.min_free_kbytes</c> the marks were computed from.</param>
/// <param name="Min">WMARK_MIN: at or below it an allocation enters direct reclaim.</param>
/// <param name="Low">WMARK_LOW: at or below it an allocation wakes kswapd.</param>
/// <param name="High">WMARK_HIGH: kswapd reclaims until free pages are above it.</param>
public readonly record struct ZoneWatermarks(long ManagedPages, long MinFreeKbytes, long Min, long Low, long High)
{
    /// <summary>Linux's default <c>vm.watermark_scale_factor</c> (in ten-thousandths of the zone).</summary>
    public const long DefaultWatermarkScaleFactor = 10;

    /// <summary>The bounds <c>calculate_min_free_kbytes</c> clamps min_free_kbytes to.</summary>
    public const long MinFreeKbytesFloor = 128, MinFreeKbytesCeiling = 262144;

    /// <summary>
    /// Linux's <c>calculate_min_free_kbytes</c> for <paramref name="lowmemPages"/> pages of <paramref name="pageSize"/>
    /// bytes (<c>nr_free_buffer_pages</c> at boot: every zone's managed pages).
    /// </summary>
    public static long MinFreeKbytesFor(long lowmemPages, long pageSize)
    {
        var lowmemKbytes = (ulong)lowmemPages * (ulong)pageSize / 1024;
        return Math.Clamp(IntSqrt.Of(lowmemKbytes * 16), MinFreeKbytesFloor, MinFreeKbytesCeiling);
    }

    /// <summary>The watermarks of a machine that is one zone of <paramref name="managedPages"/> pages, as Linux computes them at boot.</summary>
    public static ZoneWatermarks ForSingleZone(long managedPages, long pageSize) =>
        ForZone(MinFreeKbytesFor(managedPages, pageSize), managedPages, managedPages, pageSize);

    /// <summary>
    /// Linux's <c>__setup_per_zone_wmarks</c> for one zone of <paramref name="zoneManagedPages"/> pages among
    /// <paramref name="lowmemPages"/> pages of low memory, given <paramref name="minFreeKbytes"/> (a real machine's
    /// <c>/proc/sys/vm/min_free_kbytes</c>, say) and <paramref name="watermarkScaleFactor"/>.
    /// </summary>
    public static ZoneWatermarks ForZone(long minFreeKbytes, long zoneManagedPages, long lowmemPages, long pageSize,
        long watermarkScaleFactor = DefaultWatermarkScaleFactor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        // pages_min = min_free_kbytes >> (PAGE_SHIFT - 10), written for any page size.
        var pagesMin = (ulong)minFreeKbytes * 1024 / (ulong)pageSize;
        var min = lowmemPages == 0 ? 0 : (long)(pagesMin * (ulong)zoneManagedPages / (ulong)lowmemPages);
        var step = Math.Max(min >> 2, MultFrac(zoneManagedPages, watermarkScaleFactor, 10000));
        return new ZoneWatermarks(zoneManagedPages, minFreeKbytes, min, min + step, min + (2 * step));
    }

    // Linux's mult_frac(x, n, d): x × n / d without overflowing x × n.
    private static long MultFrac(long x, long n, long d) => (x / d * n) + (x % d * n / d);
}
