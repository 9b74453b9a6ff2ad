using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Cli;

/// <summary>One translated address with its walk, as printed by <c>vmquest translate</c>.</summary>
/// <param name="Access">The access checked.</param>
/// <param name="Mode">Who accessed.</param>
/// <param name="Translation">The outcome.</param>
/// <param name="Steps">Entries read (none on a TLB hit).</param>
/// <param name="Value">The byte at the physical address (success only).</param>
/// <param name="Cycles">Cycles the translation cost.</param>
internal sealed record TranslationReport(AccessKind Access, PrivilegeLevel Mode, Translation Translation,
    IReadOnlyList<WalkStep> Steps, byte? Value, long Cycles);
