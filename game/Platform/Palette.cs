namespace VmQuest.Platform;

/// <summary>
/// The game's colours as named roles, taken from the current <see cref="Scheme"/>: by default the Okabe–Ito
/// palette, so that the lot kinds stay distinct for the common forms of colour blindness (each hue also differs
/// in lightness); the settings may switch to <see cref="PaletteScheme.Classic"/>. Draw code asks for a role, never
/// for a literal colour, so the whole city stays consistent and follows the scheme.
/// </summary>
/// <remarks>
/// Guarantees pinned by tests: <see cref="HudText"/> on <see cref="HudBackground"/> and <see cref="Text"/> on
/// <see cref="Background"/> reach the WCAG 4.5:1 contrast for text, and <see cref="LabelOn"/> gives at least
/// 4.5:1 on every lot role — for every scheme of <see cref="PaletteScheme.All"/>. Switching the scheme is for the
/// game's main thread (the one that draws), between frames.
/// </remarks>
public static class Palette
{
    private static PaletteScheme _scheme = PaletteScheme.OkabeIto;
    private static IReadOnlyList<PaletteRole> _roles = RolesOf(_scheme);

    /// <summary>The scheme the roles come from (default <see cref="PaletteScheme.OkabeIto"/>).</summary>
    public static PaletteScheme Scheme
    {
        get => _scheme;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _scheme = value;
            _roles = RolesOf(value);
        }
    }

    /// <summary>The ground of the city and the window clear colour.</summary>
    public static Colour Background => _scheme.Background;

    /// <summary>Ordinary text drawn straight on <see cref="Background"/>.</summary>
    public static Colour Text => _scheme.Text;

    /// <summary>Secondary text (captions, units) on <see cref="Background"/>; still ≥ 4.5:1.</summary>
    public static Colour TextDim => _scheme.TextDim;

    /// <summary>A free physical frame: an empty lot, darker than any built one.</summary>
    public static Colour FreeLot => _scheme.FreeLot;

    /// <summary>Program text (code) pages: the factories.</summary>
    public static Colour TextPages => _scheme.TextPages;

    /// <summary>Data and bss pages: the houses.</summary>
    public static Colour DataPages => _scheme.DataPages;

    /// <summary>Heap pages.</summary>
    public static Colour Heap => _scheme.Heap;

    /// <summary>Stack pages: the towers.</summary>
    public static Colour Stack => _scheme.Stack;

    /// <summary>Page-table pages: the address bureau.</summary>
    public static Colour PageTableBureau => _scheme.PageTableBureau;

    /// <summary>The kernel's frames and the walled kernel quarter.</summary>
    public static Colour Kernel => _scheme.Kernel;

    /// <summary>The swap area (the harbour outside the city) and swap-cache pages.</summary>
    public static Colour Swap => _scheme.Swap;

    /// <summary>A page fault: the flashing lot, the failed courier.</summary>
    public static Colour Fault => _scheme.Fault;

    /// <summary>First tone of a copy-on-write shared lot (drawn as two halves, with the refcount).</summary>
    public static Colour CowPrimary => _scheme.CowPrimary;

    /// <summary>Second tone of a copy-on-write shared lot; differs from the first in lightness, not just hue.</summary>
    public static Colour CowSecondary => _scheme.CowSecondary;

    /// <summary>The TLB board and the express lane of a TLB hit.</summary>
    public static Colour Tlb => _scheme.Tlb;

    /// <summary>Text on the heads-up display.</summary>
    public static Colour HudText => _scheme.HudText;

    /// <summary>The heads-up display panel (opaque value; draw it with alpha if the city should show through).</summary>
    public static Colour HudBackground => _scheme.HudBackground;

    /// <summary>Selection and hover outlines.</summary>
    public static Colour Highlight => _scheme.Highlight;

    /// <summary>
    /// Hues that tell processes apart (owner bands, city-hall swatches). Disjoint from every use colour of the
    /// legend (kernel yellow, heap orange, stack pink, …) and from the highlight white, so a band never reads as a
    /// use; an owner is always paired with its pid as text where there is room. Cycled by pid.
    /// </summary>
    public static IReadOnlyList<Colour> OwnerHues => _scheme.OwnerHues;

    /// <summary>Every named role with an English and a Simplified Chinese name, in a stable order (legends, tests).</summary>
    public static IReadOnlyList<PaletteRole> Roles => _roles;

    /// <summary>Black or white, whichever contrasts more with <paramref name="background"/> (for labels on lots).</summary>
    public static Colour LabelOn(Colour background)
    {
        var black = new Colour(0, 0, 0);
        var white = new Colour(255, 255, 255);
        return Colour.ContrastRatio(black, background) >= Colour.ContrastRatio(white, background) ? black : white;
    }

    private static IReadOnlyList<PaletteRole> RolesOf(PaletteScheme s) =>
    [
        new("Free lot", "空闲页框", s.FreeLot),
        new("Text (factory)", "代码段", s.TextPages),
        new("Data (houses)", "数据段", s.DataPages),
        new("Heap", "堆", s.Heap),
        new("Stack", "栈", s.Stack),
        new("Page tables", "页表", s.PageTableBureau),
        new("Kernel", "内核", s.Kernel),
        new("Swap", "交换区", s.Swap),
        new("Page fault", "缺页", s.Fault),
        new("COW shared", "写时复制", s.CowPrimary),
        new("COW tone 2", "写时复制", s.CowSecondary),
        new("TLB", "快表", s.Tlb),
    ];
}

/// <summary>A palette entry for legends: English and Simplified Chinese names and its colour.</summary>
public sealed record PaletteRole(string Name, string NameZh, Colour Colour);
