namespace VmQuest.Platform;

/// <summary>
/// One complete set of the colours <see cref="Palette"/>'s roles take. The settings choose between
/// <see cref="OkabeIto"/> (the default: safe for the common forms of colour blindness) and <see cref="Classic"/>
/// (a conventional, more saturated scheme for players who prefer it).
/// </summary>
/// <remarks>
/// Every scheme meets the guarantees <see cref="Palette"/> states (text contrast, distinct lot roles visible on the
/// ground, copy-on-write tones apart in lightness); a test checks each scheme of <see cref="All"/>.
/// </remarks>
/// <param name="Id">The name in the settings file (<c>okabe-ito</c>, <c>classic</c>).</param>
/// <param name="Name">The name the settings screen shows, in English.</param>
/// <param name="NameZh">The name the settings screen shows, in Simplified Chinese.</param>
/// <param name="ColourBlindSafe">Whether the lot colours stay distinct under protanopia, deuteranopia and tritanopia.</param>
public sealed record PaletteScheme(string Id, string Name, string NameZh, bool ColourBlindSafe)
{
    /// <summary>The ground of the city and the window clear colour.</summary>
    public required Colour Background { get; init; }

    /// <summary>Ordinary text on the ground.</summary>
    public required Colour Text { get; init; }

    /// <summary>Secondary text on the ground.</summary>
    public required Colour TextDim { get; init; }

    /// <summary>A free frame.</summary>
    public required Colour FreeLot { get; init; }

    /// <summary>Program text pages.</summary>
    public required Colour TextPages { get; init; }

    /// <summary>Data and bss pages.</summary>
    public required Colour DataPages { get; init; }

    /// <summary>Heap pages.</summary>
    public required Colour Heap { get; init; }

    /// <summary>Stack pages.</summary>
    public required Colour Stack { get; init; }

    /// <summary>Page-table pages.</summary>
    public required Colour PageTableBureau { get; init; }

    /// <summary>The kernel's frames.</summary>
    public required Colour Kernel { get; init; }

    /// <summary>Swap.</summary>
    public required Colour Swap { get; init; }

    /// <summary>A page fault.</summary>
    public required Colour Fault { get; init; }

    /// <summary>First copy-on-write tone.</summary>
    public required Colour CowPrimary { get; init; }

    /// <summary>Second copy-on-write tone (apart from the first in lightness).</summary>
    public required Colour CowSecondary { get; init; }

    /// <summary>The TLB.</summary>
    public required Colour Tlb { get; init; }

    /// <summary>Text on the heads-up display.</summary>
    public required Colour HudText { get; init; }

    /// <summary>The heads-up display panel.</summary>
    public required Colour HudBackground { get; init; }

    /// <summary>Selection and hover outlines.</summary>
    public required Colour Highlight { get; init; }

    /// <summary>Hues that tell processes apart, disjoint from the use colours.</summary>
    public required IReadOnlyList<Colour> OwnerHues { get; init; }

    /// <summary>
    /// Okabe &amp; Ito (2008), "Color Universal Design": every hue also differs in lightness, so the lot kinds stay
    /// apart for the common forms of colour blindness. The default.
    /// </summary>
    public static PaletteScheme OkabeIto { get; } = new("okabe-ito", "Okabe–Ito (colour-blind safe)", "Okabe–Ito（色盲友好）", ColourBlindSafe: true)
    {
        Background = Colour.FromHex("#1A1A1E"),
        Text = Colour.FromHex("#ECECEC"),
        TextDim = Colour.FromHex("#A8A8B0"),
        FreeLot = Colour.FromHex("#3A3A42"),
        TextPages = Colour.FromHex("#0072B2"),
        DataPages = Colour.FromHex("#009E73"),
        Heap = Colour.FromHex("#E69F00"),
        Stack = Colour.FromHex("#CC79A7"),
        PageTableBureau = Colour.FromHex("#999999"),
        Kernel = Colour.FromHex("#F0E442"),
        Swap = Colour.FromHex("#1F4E79"),
        Fault = Colour.FromHex("#D55E00"),
        CowPrimary = Colour.FromHex("#F2F2F2"),
        CowSecondary = Colour.FromHex("#CC79A7"),
        Tlb = Colour.FromHex("#56B4E9"),
        HudText = Colour.FromHex("#F5F5F5"),
        HudBackground = Colour.FromHex("#101014"),
        Highlight = Colour.FromHex("#FFFFFF"),
        OwnerHues =
        [
            Colour.FromHex("#66A61E"), Colour.FromHex("#E7298A"), Colour.FromHex("#CAB2D6"),
            Colour.FromHex("#8C510A"), Colour.FromHex("#8DD3C7"), Colour.FromHex("#6A3D9A"),
        ],
    };

    /// <summary>
    /// A conventional scheme on Tableau 10's hues: red for faults, green for data, blue for code, as most diagrams
    /// draw them. Red and green differ mainly in hue, so it is not the choice for a colour-blind player.
    /// </summary>
    public static PaletteScheme Classic { get; } = new("classic", "Classic (vivid)", "经典（鲜艳）", ColourBlindSafe: false)
    {
        Background = Colour.FromHex("#16181D"),
        Text = Colour.FromHex("#F0F0F0"),
        TextDim = Colour.FromHex("#AEB4BE"),
        FreeLot = Colour.FromHex("#3A3D46"),
        TextPages = Colour.FromHex("#4E79A7"),
        DataPages = Colour.FromHex("#59A14F"),
        Heap = Colour.FromHex("#F28E2B"),
        Stack = Colour.FromHex("#B07AA1"),
        PageTableBureau = Colour.FromHex("#BAB0AC"),
        Kernel = Colour.FromHex("#EDC948"),
        Swap = Colour.FromHex("#2B4C6F"),
        Fault = Colour.FromHex("#E15759"),
        CowPrimary = Colour.FromHex("#F2F2F2"),
        CowSecondary = Colour.FromHex("#B07AA1"),
        Tlb = Colour.FromHex("#76B7B2"),
        HudText = Colour.FromHex("#F5F5F5"),
        HudBackground = Colour.FromHex("#0E1014"),
        Highlight = Colour.FromHex("#FFFFFF"),
        OwnerHues =
        [
            Colour.FromHex("#FF9DA7"), Colour.FromHex("#9C755F"), Colour.FromHex("#CAB2D6"),
            Colour.FromHex("#E7298A"), Colour.FromHex("#8DD3C7"), Colour.FromHex("#6A3D9A"),
        ],
    };

    /// <summary>Every scheme, the default first.</summary>
    public static IReadOnlyList<PaletteScheme> All { get; } = [OkabeIto, Classic];

    /// <summary>The scheme called <paramref name="id"/>, or null.</summary>
    public static PaletteScheme? Find(string id) => All.FirstOrDefault(s => s.Id == id);
}
