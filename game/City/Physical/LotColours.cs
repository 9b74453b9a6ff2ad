using VmQuest.Platform;

namespace VmQuest.City.Physical;

/// <summary>
/// The palette roles of each lot kind and of owners, so every part of the city (lots, texture, streets, legend)
/// colours a kind the same way. Kinds use the Okabe–Ito roles of <see cref="Palette"/>; owners get a band
/// whose colour cycles by pid through <see cref="Palette.OwnerHues"/> (disjoint from the kind colours) and is always paired with the pid as text where there is room.
/// </summary>
public static class LotColours
{
    private static readonly uint[] KindArgb = BuildArgb();

    /// <summary>The streets between districts.</summary>
    public static Colour Street { get; } = Colour.FromHex("#26262C");

    /// <summary>The fill colour of a lot of <paramref name="kind"/>.</summary>
    public static Colour Of(LotKind kind) => kind switch
    {
        LotKind.Free => Palette.FreeLot,
        LotKind.PageTable => Palette.PageTableBureau,
        LotKind.File => Palette.TextPages,
        LotKind.Data => Palette.DataPages,
        LotKind.Heap => Palette.Heap,
        LotKind.Stack => Palette.Stack,
        LotKind.Kernel or LotKind.ZeroPage => Palette.Kernel,
        _ => Palette.FreeLot,
    };

    /// <summary><see cref="Of"/> packed as <c>0xAARRGGBB</c> for textures (no allocation).</summary>
    public static uint ArgbOf(LotKind kind) => KindArgb[(int)kind];

    /// <summary>The owner band colour of <paramref name="pid"/>.</summary>
    public static Colour OwnerOf(int pid) => pid <= 0 ? Palette.TextDim : Palette.OwnerHues[(pid - 1) % Palette.OwnerHues.Count];

    /// <summary>A short word for the kind (labels on big lots, tooltips).</summary>
    public static string WordOf(LotKind kind) => kind switch
    {
        LotKind.Free => "free",
        LotKind.PageTable => "page table",
        LotKind.File => "file",
        LotKind.Data => "data",
        LotKind.Heap => "heap",
        LotKind.Stack => "stack",
        LotKind.Kernel => "kernel",
        LotKind.ZeroPage => "zero page",
        _ => "?",
    };

    private static uint[] BuildArgb()
    {
        var values = Enum.GetValues<LotKind>();
        var table = new uint[values.Length];
        foreach (var kind in values)
        {
            table[(int)kind] = Of(kind).ToArgb();
        }

        return table;
    }
}
