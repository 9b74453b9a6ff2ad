using System.Globalization;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Play.Translate;

/// <summary>
/// The sentences that explain a wrong step of a hand translation (the teaching moment): each says what the MMU
/// does instead and why, in numbers taken from the walk itself, so the player learns the rule, not only the answer.
/// </summary>
internal sealed class TranslateLessons(MachineDescription machine)
{
    /// <summary>The first and last bit of level <paramref name="level"/>'s index in a virtual address.</summary>
    public (int Low, int High) BitsOf(int level)
    {
        var low = machine.LevelShift(level);
        return (low, low + machine.Levels[level].IndexBits - 1);
    }

    /// <summary>A level as the player sees it: its number and the table's name.</summary>
    public string LevelName(int level) => Invariant($"level {level} ({machine.Levels[level].Name})");

    /// <summary>A wrong index at the right level.</summary>
    public string WrongIndex(PendingTranslation t, int level, ulong index)
    {
        var va = t.VirtualAddress;
        var (low, high) = BitsOf(level);
        var bits = machine.Levels[level].IndexBits;
        var right = machine.IndexOf(va, level);
        var rule = Invariant($"each level takes {bits} bits above the {machine.PageShift}-bit offset");
        if (index == (va >> machine.PageShift))
        {
            return Invariant($"{index} is the whole virtual page number; each table is indexed by its own slice of it: bits {low}–{high} of 0x{va:x} are {right} for the {LevelName(level)} table ({rule})");
        }

        if (index >= 1UL << bits)
        {
            return Invariant($"index {index} does not fit: a {machine.Levels[level].Name} table has {1UL << bits} entries, indexed by the {bits} bits {low}–{high} of the address ({rule})");
        }

        for (var other = 0; other < machine.Levels.Count; other++)
        {
            if (other != level && machine.IndexOf(va, other) == index)
            {
                var (otherLow, otherHigh) = BitsOf(other);
                return Invariant($"{index} is bits {otherLow}–{otherHigh} of 0x{va:x}, the {LevelName(other)} index; the {LevelName(level)} table is indexed by bits {low}–{high}, which are {right}: {rule}");
            }
        }

        return Invariant($"bits {low}–{high} of 0x{va:x} are {right} (0b{Binary(right, bits)}), not {index}: the {LevelName(level)} table is indexed by those bits, because {rule}");
    }

    /// <summary>An entry of another level than the one the walk is at.</summary>
    public string WrongLevel(PendingTranslation t, int level)
    {
        if (level < t.EntriesRead)
        {
            return Invariant($"the {LevelName(level)} entry is read already (index {t.Steps[level].Index}); the walk goes down one level at a time and is at level {t.EntriesRead} now");
        }

        return t.EntriesRead == 0
            ? Invariant($"the walk starts at the root: the {LevelName(0)} table that {machine.RootRegister} points to (frame 0x{t.Steps[0].TableAddress >> machine.PageShift:x}); its entry says where the next table is")
            : Invariant($"the walk reads one table at a time: the {LevelName(t.EntriesRead)} table is the one the level-{t.EntriesRead - 1} entry points to (frame 0x{t.Steps[t.EntriesRead - 1].Frame:x}); read its entry before any lower level");
    }

    /// <summary>An entry after the walk has stopped.</summary>
    public string WalkIsOver(PendingTranslation t)
    {
        if (t.Steps.Count == 0)
        {
            return OutOfRangeWhy(t.VirtualAddress);
        }

        var last = t.Steps[^1];
        return last.Valid
            ? Invariant($"the level-{last.Level} entry is the leaf: it maps the page itself (frame 0x{last.Frame:x}), so the walk is over; answer with the physical address, or with the fault if the leaf forbids this {Verb(t.Access)}")
            : Invariant($"the level-{last.Level} entry is not present (P=0): there is no lower table to read, the walk stops here with a page fault");
    }

    /// <summary>An answer before the walk has reached the entry where it stops.</summary>
    public string WalkNotOver(PendingTranslation t, bool answeringFault)
    {
        if (t.EntriesRead == 0)
        {
            return t.TlbAnswer is { } pa && answeringFault
                ? Invariant($"the TLB holds page 0x{t.VirtualAddress >> machine.PageShift:x} (it maps to 0x{pa & ~(machine.PageSize - 1):x}) and allows this {Verb(t.Access)}: the access translates without a walk, it does not fault")
                : Invariant($"the TLB has no entry for page 0x{t.VirtualAddress >> machine.PageShift:x} that allows this {Verb(t.Access)}, so the MMU must walk the tables: start at {machine.RootRegister} with the {LevelName(0)} entry");
        }

        var reached = t.Steps[t.EntriesRead - 1];
        var what = answeringFault ? "a fault is raised only by an entry that is not present or a leaf that forbids the access" : "only the leaf gives the frame";
        return Invariant($"the walk is not over: the level-{reached.Level} entry is present and points to the {LevelName(t.EntriesRead)} table (frame 0x{reached.Frame:x}); read its entry next ({what})");
    }

    /// <summary>A physical address for an access that faults.</summary>
    public string FaultsInstead(PendingTranslation t) => Invariant($"this {Verb(t.Access)} faults, there is no physical address: {WhyFault(t)}");

    /// <summary>A fault answer for an access that translates.</summary>
    public static string TranslatesInstead(PendingTranslation t) =>
        Invariant($"the leaf entry is present and allows this {Verb(t.Access)}: the access translates to a physical address, it does not fault");

    /// <summary>A fault of the wrong kind.</summary>
    public string WrongFault(PendingTranslation t, string said) => Invariant($"not a {said} fault: {WhyFault(t)}");

    /// <summary>A wrong physical address for an access that translates (by walk, or from the TLB).</summary>
    public string WrongPhysical(PendingTranslation t, ulong said, ulong right)
    {
        var offsetMask = (1UL << t.Outcome.PageShift) - 1;
        if (t.Outcome.PageShift == 0)
        {
            offsetMask = machine.PageSize - 1;
        }

        var offset = t.VirtualAddress & offsetMask;
        var offsetBits = System.Numerics.BitOperations.TrailingZeroCount(offsetMask + 1);
        var pageBase = right & ~offsetMask;
        var source = t.WalkComplete && t.Steps.Count > 0 ? Invariant($"the leaf (level {t.Steps[^1].Level}) maps frame 0x{t.Steps[^1].Frame:x}") : "the TLB maps the page";
        if ((said & ~offsetMask) == pageBase)
        {
            return Invariant($"the frame is right but the offset is not: the low {offsetBits} bits of the address, 0x{offset:x}, are kept as they are, so the physical address is 0x{pageBase:x} + 0x{offset:x} = 0x{right:x}");
        }

        return (said & offsetMask) == offset && said >> offsetBits == t.VirtualAddress >> offsetBits
            ? Invariant($"that is the virtual address: {source}, so the page starts at 0x{pageBase:x} in physical memory and the address is 0x{pageBase:x} + offset 0x{offset:x} = 0x{right:x}")
            : Invariant($"{source}, so the page starts at 0x{pageBase:x}: the physical address is that base plus the offset (the low {offsetBits} bits, 0x{offset:x}) = 0x{right:x}");
    }

    /// <summary>Why the access faults, at the level where the walk stops.</summary>
    public string WhyFault(PendingTranslation t)
    {
        var outcome = t.Outcome;
        if (t.Steps.Count == 0)
        {
            return OutOfRangeWhy(t.VirtualAddress);
        }

        var last = t.Steps[^1];
        return outcome.Fault switch
        {
            FaultKind.NotPresent => Invariant($"the level-{last.Level} entry is not present (P=0), so there is no frame to go to: the MMU raises a not-present page fault there"),
            FaultKind.WriteProtect => Invariant($"the page is present but not writable (W=0 on the walk): a write raises a protection fault (P=1 in the error code)"),
            FaultKind.UserSupervisor => Invariant($"the page is present but a kernel page (U=0 on the walk): a user access raises a protection fault"),
            FaultKind.NoExecute => Invariant($"the page is present but no-execute (NX=1): an instruction fetch from it raises a protection fault"),
            FaultKind.ReadProtect => Invariant($"the page is present but not readable: a read raises a protection fault"),
            _ => Invariant($"the level-{last.Level} entry uses a reserved encoding or points beyond physical memory: a reserved-bit fault"),
        };
    }

    private string OutOfRangeWhy(ulong va) => machine.AddressCheck == AddressCheck.SignExtend
        ? Invariant($"0x{va:x} is not canonical: bits {machine.VaBits}–63 must all repeat bit {machine.VaBits - 1}, so the MMU faults before it reads any table (answer out-of-range)")
        : Invariant($"0x{va:x} has bits set above the {machine.VaBits} bits this machine translates, so the MMU faults before it reads any table (answer out-of-range)");

    /// <summary>The access as a noun.</summary>
    public static string Verb(AccessKind access) => access switch
    {
        AccessKind.Write => "write",
        AccessKind.Execute => "instruction fetch",
        _ => "read",
    };

    /// <summary><paramref name="value"/> in binary, <paramref name="bits"/> digits.</summary>
    public static string Binary(ulong value, int bits) => Convert.ToString((long)value, 2).PadLeft(bits, '0');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
