namespace VmQuest.Levels.Model;

/// <summary>
/// Hidden tests of a policy level: the player's policy also runs on <see cref="Count"/> generated traces whose
/// seeds the verifier chooses (so no file a player receives contains them), and must fault no more than
/// <see cref="Baseline"/> on each. Invariants: 1 ≤ count ≤ 64; frames ≥ 1; baseline is a built-in policy other than opt.
/// </summary>
/// <param name="Count">How many hidden traces.</param>
/// <param name="Generator">Their shape (no seed).</param>
/// <param name="Frames">Frames for user pages on the hidden traces; default the level's frames.</param>
/// <param name="Baseline">The built-in policy the player's policy must match or beat on every hidden trace.</param>
public sealed record LevelHiddenTests(int Count, TraceGeneratorSpec Generator, int Frames, string Baseline)
{
    /// <summary>Most hidden tests a level may ask for.</summary>
    public const int MaxCount = 64;
}
