using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Play.ElfLayout;

/// <summary>The four fields the player sets for each mapping execve makes of an ELF's <c>PT_LOAD</c> segments.</summary>
public enum LayoutField
{
    /// <summary>The first address (page-aligned).</summary>
    Start,

    /// <summary>One past the last address (page-aligned).</summary>
    End,

    /// <summary>The permissions (<c>r-x</c>…).</summary>
    Perms,

    /// <summary>What backs the pages: a file offset (<c>file@0x2000</c>) or zero-fill (<c>zero</c>).</summary>
    Source,
}

/// <summary>The names replay actions use for <see cref="LayoutField"/>.</summary>
public static class LayoutFields
{
    /// <summary>Every field's name, in the order of <see cref="LayoutField"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["start", "end", "perms", "source"];

    /// <summary>The name of <paramref name="field"/>.</summary>
    public static string Name(this LayoutField field) => Names[(int)field];
}

/// <summary>
/// One mapping as the player has placed it so far: each field null until set. <see cref="FileOffset"/> is null for
/// zero-fill (then <see cref="SourceSet"/> tells "set to zero-fill" from "not set").
/// </summary>
public sealed record LayoutRow(ulong? Start, ulong? End, VmaPermissions? Perms, bool SourceSet, ulong? FileOffset)
{
    /// <summary>A row with nothing set.</summary>
    public static LayoutRow Empty { get; } = new(null, null, null, false, null);

    /// <summary>Whether all four fields are set.</summary>
    public bool IsComplete => Start is not null && End is not null && Perms is not null && SourceSet;

    /// <summary>Whether <paramref name="field"/> is set.</summary>
    public bool Has(LayoutField field) => field switch
    {
        LayoutField.Start => Start is not null,
        LayoutField.End => End is not null,
        LayoutField.Perms => Perms is not null,
        _ => SourceSet,
    };

    /// <summary>The source as an action value: <c>zero</c>, <c>file@0xOFFSET</c>, or null when unset.</summary>
    public string? SourceText => !SourceSet ? null : FileOffset is { } offset ? LayoutValues.File(offset) : LayoutValues.Zero;
}
