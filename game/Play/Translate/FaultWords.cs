using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Play.Translate;

/// <summary>
/// The words a <c>fault kind=…</c> answer uses, one per family of the walker's <see cref="FaultKind"/>: the player
/// tells a missing page from a forbidden access from an address no table covers, as the x86 error code's P bit does.
/// </summary>
public static class FaultWords
{
    /// <summary>An entry on the walk has its present bit clear (the page fault the kernel's demand paging serves).</summary>
    public const string NotPresent = "not-present";

    /// <summary>The leaf is present but forbids the access (write to read-only, user to kernel page, fetch from NX).</summary>
    public const string Protection = "protection";

    /// <summary>The address is outside what the tables translate (non-canonical on x86-64): no table is read.</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>An entry uses a reserved encoding or points beyond physical memory.</summary>
    public const string Reserved = "reserved";

    /// <summary>Every word, in the order the panel offers them.</summary>
    public static IReadOnlyList<string> All { get; } = [NotPresent, Protection, OutOfRange, Reserved];

    /// <summary>The word for <paramref name="fault"/>, or null for <see cref="FaultKind.None"/>.</summary>
    public static string? Of(FaultKind fault) => fault switch
    {
        FaultKind.None => null,
        FaultKind.NotPresent => NotPresent,
        FaultKind.WriteProtect or FaultKind.UserSupervisor or FaultKind.NoExecute or FaultKind.ReadProtect => Protection,
        FaultKind.NonCanonical or FaultKind.OutOfRange => OutOfRange,
        _ => Reserved,
    };
}
