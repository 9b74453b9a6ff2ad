using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Machine.Ostep;

/// <summary>
/// The answer to one question: the translation and the walk that produced it (for the explanation).
/// <see cref="Result"/> uses the homework's words: <c>ok</c>, <c>invalid</c> (linear: page not valid or address
/// outside the space), <c>pde_fault</c>, <c>pte_fault</c> (multilevel).
/// </summary>
/// <param name="Question">What was asked.</param>
/// <param name="Result">ok, invalid, pde_fault or pte_fault.</param>
/// <param name="PhysicalAddress">The physical address when ok.</param>
/// <param name="Value">Multilevel: the byte at the physical address when ok.</param>
/// <param name="Steps">The entries read, root first.</param>
public sealed record OstepAnswer(OstepQuestion Question, string Result, ulong? PhysicalAddress, byte? Value,
    IReadOnlyList<WalkStep> Steps)
{
    /// <summary>
    /// True for an <c>ok</c> translation whose frame lies past the problem's physical memory (a valid PTE with a
    /// PFN too large): the address is still the translation, as the homework's own simulator computes it.
    /// </summary>
    public bool BeyondPhysicalMemory { get; init; }
}
