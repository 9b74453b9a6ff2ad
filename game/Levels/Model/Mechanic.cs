namespace VmQuest.Levels.Model;

/// <summary>The seven decisions a level can hand to the player (DESIGN.md §7); the rest Linux's defaults make.</summary>
public enum Mechanic
{
    /// <summary>Translate an address by hand: indices, the entry at each level, the frame.</summary>
    Translate,

    /// <summary>Choose the kernel's action for each page fault (and, with frame placement, the frame).</summary>
    FaultAction,

    /// <summary>Choose the page to evict when memory is full; scored against Belady's OPT.</summary>
    Victim,

    /// <summary>Set VMA/PTE permissions so a program completes but an attack fails.</summary>
    Permissions,

    /// <summary>Choose which process runs next; CR3 loads, TLB flushes and PCID cost cycles.</summary>
    Schedule,

    /// <summary>Lay out a real ELF's PT_LOAD segments; checked against what execve builds.</summary>
    ElfLayout,

    /// <summary>Write a replacement policy in the rule language; also run on hidden seeded traces.</summary>
    Policy,
}

/// <summary>The names level files use for <see cref="Mechanic"/>.</summary>
public static class Mechanics
{
    /// <summary>Every mechanic's file name, in the order of <see cref="Mechanic"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["translate", "fault-action", "victim", "permissions", "schedule", "elf-layout", "policy"];

    /// <summary>The file name of <paramref name="mechanic"/>.</summary>
    public static string Name(this Mechanic mechanic) => Names[(int)mechanic];

    /// <summary>The mechanic called <paramref name="name"/>; false when there is none.</summary>
    public static bool TryParse(string name, out Mechanic mechanic)
    {
        int index = Names.ToList().IndexOf(name);
        mechanic = (Mechanic)Math.Max(index, 0);
        return index >= 0;
    }
}
