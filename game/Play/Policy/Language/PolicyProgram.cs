namespace VmQuest.Play.Policy.Language;

/// <summary>
/// A compiled replacement policy: its handlers, the registers it keeps per page and its size. Invariants (the
/// parser enforces them): <see cref="OnEvict"/> exists; <c>evict</c> appears only in it; at most
/// <see cref="PolicyNames.MaxRegisters"/> registers; <see cref="TickEvery"/> ≥ 1 when <see cref="OnTick"/> exists.
/// </summary>
/// <param name="OnLoad">Runs once for each page as it is loaded (null when absent).</param>
/// <param name="TickEvery">The period, in references, of <see cref="OnTick"/> (0 when absent).</param>
/// <param name="OnTick">Runs for every resident page, oldest first, before each reference whose index is a multiple of <see cref="TickEvery"/> (null when absent).</param>
/// <param name="ScanKey">The order <see cref="OnEvict"/> looks at pages in: ascending key, ties oldest first.</param>
/// <param name="OnEvict">Runs for each page in scan order until one is evicted.</param>
/// <param name="Registers">The registers' names; a register's index is its position.</param>
/// <param name="Size">The policy's size: its tokens, not counting line ends and comments (metric <c>policy-size</c>).</param>
public sealed record PolicyProgram(
    IReadOnlyList<PolicyStatement>? OnLoad,
    int TickEvery,
    IReadOnlyList<PolicyStatement>? OnTick,
    PolicyExpr ScanKey,
    IReadOnlyList<PolicyStatement> OnEvict,
    IReadOnlyList<string> Registers,
    int Size);
