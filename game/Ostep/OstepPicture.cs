namespace VmQuest.Ostep;

/// <summary>What a lot of the question's city stands for, which decides its colour (the city's own palette).</summary>
public enum OstepLotKind
{
    /// <summary>An unused frame, or a page-table entry that is not valid.</summary>
    Empty,

    /// <summary>A valid page-table entry, or a frame a shown entry maps.</summary>
    Mapped,

    /// <summary>A page directory or page table (the tables the walk reads).</summary>
    Table,

    /// <summary>A page held in memory (the policy problems' frames).</summary>
    Resident,

    /// <summary>A page on the reference string, not the one asked.</summary>
    Reference,
}

/// <summary>One lot of a street: its label (an entry's number, a page number) and what it is.</summary>
/// <param name="Label">The short text drawn on the lot.</param>
/// <param name="Kind">What it is.</param>
public readonly record struct OstepLot(string Label, OstepLotKind Kind);

/// <summary>
/// One street of the question's city: a row of lots (virtual pages, page-table entries, frames, references) with its
/// name and the lot the question is about, if any, outlined.
/// </summary>
/// <param name="Name">What the street is (e.g. "Virtual pages (VPN)").</param>
/// <param name="Lots">The lots, left to right.</param>
/// <param name="Marked">The outlined lot, or -1.</param>
/// <param name="FirstNumber">The number of the first lot when the street shows a window of a longer one (0 otherwise).</param>
public sealed record OstepStreet(Words Name, IReadOnlyList<OstepLot> Lots, int Marked, long FirstNumber = 0);

/// <summary>A road of the city's map: from a lot of one street to a lot of a later one (a PTE to its frame).</summary>
/// <param name="FromStreet">The street index of the start.</param>
/// <param name="FromLot">The lot index of the start.</param>
/// <param name="ToStreet">The street index of the end.</param>
/// <param name="ToLot">The lot index of the end.</param>
public readonly record struct OstepRoad(int FromStreet, int FromLot, int ToStreet, int ToLot);

/// <summary>
/// A question drawn as a small city of memory: the streets it asks about, and once answered, the streets and roads of
/// the answer (the walk from the page to its frame; memory after the reference). <see cref="Answered"/> only adds what
/// the answer reveals, so the picture before it gives nothing away that the question's text does not.
/// </summary>
/// <param name="Asked">The streets while the player chooses.</param>
/// <param name="Answered">The streets after the check.</param>
/// <param name="Roads">The answer's roads, between <see cref="Answered"/>'s streets.</param>
public sealed record OstepPicture(IReadOnlyList<OstepStreet> Asked, IReadOnlyList<OstepStreet> Answered, IReadOnlyList<OstepRoad> Roads);
