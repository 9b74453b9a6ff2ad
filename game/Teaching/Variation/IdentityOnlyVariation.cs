namespace VmQuest.Teaching.Variation;

/// <summary>
/// The variation of a mechanic whose level is its programs (fault-action, permissions, schedule, elf-layout): rewriting a program could change what the level teaches (the attack line of a goal, the ELF the
/// layout must match), so its content stays the original's, and only the variant's identity — the mark in its
/// level id, and so its level hash — differs, which is enough that a replay made for one student's copy does
/// not verify against another's.
/// </summary>
public sealed class IdentityOnlyVariation : IMechanicVariation
{
    /// <summary>The shared instance.</summary>
    public static IdentityOnlyVariation Instance { get; } = new();

    /// <inheritdoc/>
    public string Describes => "nothing but the variant's identity (its level id and hash)";

    /// <inheritdoc/>
    public void Apply(VariantDraft draft)
    {
    }
}
