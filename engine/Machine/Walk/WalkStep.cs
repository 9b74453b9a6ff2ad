using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Machine.Walk;

/// <summary>
/// One entry read by the page walker: enough for the city to animate the courier and for a level to ask the
/// player to do the same step by hand. <see cref="Entry"/> is the value read, before the walker sets A/D.
/// </summary>
/// <param name="Level">0 for the root, increasing toward the leaf.</param>
/// <param name="Index">Index into the table at this level.</param>
/// <param name="TableAddress">Physical address of the table.</param>
/// <param name="EntryAddress">Physical address of the entry (table + index × width).</param>
/// <param name="Entry">The raw entry.</param>
/// <param name="Flags">The entry's decoded flags.</param>
/// <param name="Frame">The frame the entry points at (next table or page).</param>
/// <param name="IsLeaf">Whether this entry maps the page (last level or huge page).</param>
public readonly record struct WalkStep(int Level, ulong Index, ulong TableAddress, ulong EntryAddress, ulong Entry,
    PteBits Flags, ulong Frame, bool IsLeaf)
{
    /// <summary>Whether the entry's valid bit is set.</summary>
    public bool Valid => (Flags & PteBits.Present) != 0;
}
