namespace VmQuest.Platform;

/// <summary>
/// The game's colours as named roles, built on the Okabe–Ito palette so that the lot kinds stay distinct for
/// the common forms of colour blindness (each hue also differs in lightness). Draw code asks for a role, never
/// for a literal colour, so the whole city stays consistent.
/// </summary>
/// <remarks>
/// Guarantees pinned by tests: <see cref="HudText"/> on <see cref="HudBackground"/> and <see cref="Text"/> on
/// <see cref="Background"/> reach the WCAG 4.5:1 contrast for text, and <see cref="LabelOn"/> gives at least
/// 4.5:1 on every lot role.
/// </remarks>
public static class Palette
{
    // Okabe & Ito (2008), "Color Universal Design".
    private static readonly Colour OkabeOrange = Colour.FromHex("#E69F00");
    private static readonly Colour OkabeSkyBlue = Colour.FromHex("#56B4E9");
    private static readonly Colour OkabeBluishGreen = Colour.FromHex("#009E73");
    private static readonly Colour OkabeYellow = Colour.FromHex("#F0E442");
    private static readonly Colour OkabeBlue = Colour.FromHex("#0072B2");
    private static readonly Colour OkabeVermillion = Colour.FromHex("#D55E00");
    private static readonly Colour OkabeReddishPurple = Colour.FromHex("#CC79A7");
    private static readonly Colour OkabeGrey = Colour.FromHex("#999999");

    /// <summary>The ground of the city and the window clear colour.</summary>
    public static Colour Background { get; } = Colour.FromHex("#1A1A1E");

    /// <summary>Ordinary text drawn straight on <see cref="Background"/>.</summary>
    public static Colour Text { get; } = Colour.FromHex("#ECECEC");

    /// <summary>Secondary text (captions, units) on <see cref="Background"/>; still ≥ 4.5:1.</summary>
    public static Colour TextDim { get; } = Colour.FromHex("#A8A8B0");

    /// <summary>A free physical frame: an empty lot, darker than any built one.</summary>
    public static Colour FreeLot { get; } = Colour.FromHex("#3A3A42");

    /// <summary>Program text (code) pages: the factories.</summary>
    public static Colour TextPages { get; } = OkabeBlue;

    /// <summary>Data and bss pages: the houses.</summary>
    public static Colour DataPages { get; } = OkabeBluishGreen;

    /// <summary>Heap pages.</summary>
    public static Colour Heap { get; } = OkabeOrange;

    /// <summary>Stack pages: the towers.</summary>
    public static Colour Stack { get; } = OkabeReddishPurple;

    /// <summary>Page-table pages: the address bureau.</summary>
    public static Colour PageTableBureau { get; } = OkabeGrey;

    /// <summary>The kernel's frames and the walled kernel quarter.</summary>
    public static Colour Kernel { get; } = OkabeYellow;

    /// <summary>The swap area (the harbour outside the city) and swap-cache pages.</summary>
    public static Colour Swap { get; } = Colour.FromHex("#1F4E79");

    /// <summary>A page fault: the flashing lot, the failed courier.</summary>
    public static Colour Fault { get; } = OkabeVermillion;

    /// <summary>First tone of a copy-on-write shared lot (drawn as two halves, with the refcount).</summary>
    public static Colour CowPrimary { get; } = Colour.FromHex("#F2F2F2");

    /// <summary>Second tone of a copy-on-write shared lot; differs from the first in lightness, not just hue.</summary>
    public static Colour CowSecondary { get; } = OkabeReddishPurple;

    /// <summary>The TLB board and the express lane of a TLB hit.</summary>
    public static Colour Tlb { get; } = OkabeSkyBlue;

    /// <summary>Text on the heads-up display.</summary>
    public static Colour HudText { get; } = Colour.FromHex("#F5F5F5");

    /// <summary>The heads-up display panel (opaque value; draw it with alpha if the city should show through).</summary>
    public static Colour HudBackground { get; } = Colour.FromHex("#101014");

    /// <summary>Selection and hover outlines.</summary>
    public static Colour Highlight { get; } = Colour.FromHex("#FFFFFF");

    /// <summary>
    /// Hues that tell processes apart (owner bands, city-hall swatches). Disjoint from every use colour of the
    /// legend (kernel yellow, heap orange, stack pink, …) and from the highlight white, so a band never reads as a
    /// use; an owner is always paired with its pid as text where there is room. Cycled by pid.
    /// </summary>
    public static IReadOnlyList<Colour> OwnerHues { get; } =
    [
        Colour.FromHex("#66A61E"), Colour.FromHex("#E7298A"), Colour.FromHex("#CAB2D6"),
        Colour.FromHex("#8C510A"), Colour.FromHex("#8DD3C7"), Colour.FromHex("#6A3D9A"),
    ];

    /// <summary>Every named role with an English and a Simplified Chinese name, in a stable order (legends, tests).</summary>
    public static IReadOnlyList<PaletteRole> Roles { get; } =
    [
        new("Free lot", "空闲页框", FreeLot),
        new("Text (factory)", "代码段", TextPages),
        new("Data (houses)", "数据段", DataPages),
        new("Heap", "堆", Heap),
        new("Stack", "栈", Stack),
        new("Page tables", "页表", PageTableBureau),
        new("Kernel", "内核", Kernel),
        new("Swap", "交换区", Swap),
        new("Page fault", "缺页", Fault),
        new("COW shared", "写时复制", CowPrimary),
        new("COW tone 2", "写时复制", CowSecondary),
        new("TLB", "快表", Tlb),
    ];

    /// <summary>Black or white, whichever contrasts more with <paramref name="background"/> (for labels on lots).</summary>
    public static Colour LabelOn(Colour background)
    {
        var black = new Colour(0, 0, 0);
        var white = new Colour(255, 255, 255);
        return Colour.ContrastRatio(black, background) >= Colour.ContrastRatio(white, background) ? black : white;
    }
}

/// <summary>A palette entry for legends: English and Simplified Chinese names and its colour.</summary>
public sealed record PaletteRole(string Name, string NameZh, Colour Colour);
