namespace VmQuest.Teaching.Variation;

/// <summary>
/// How one mechanic makes a student's variant of its level (docs/teaching.md, "What varies"): it edits the draft's
/// tree and files, deterministically from the draft's seed, so that the variant is a level of the same shape. Pars
/// are not its business (<see cref="VariantPars"/>), nor is the variant's identity (its id carries a mark).
/// </summary>
public interface IMechanicVariation
{
    /// <summary>What this mechanic varies, for the help and the docs (one phrase).</summary>
    string Describes { get; }

    /// <summary>Varies <paramref name="draft"/> in place.</summary>
    void Apply(VariantDraft draft);
}
