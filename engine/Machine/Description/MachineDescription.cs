using VmQuest.Engine.Machine.Costs;
using VmQuest.Engine.Machine.Tlb;

namespace VmQuest.Engine.Machine.Description;

/// <summary>
/// A machine as data: page size, page-table levels, entry format, physical memory, TLB and costs, plus an
/// optional initial state (<see cref="Image"/>). Immutable. Guarantees: the page size is a power of two, every
/// table fits the entry width, and <see cref="VaBits"/> = page shift + the index bits of all levels.
/// </summary>
public sealed class MachineDescription
{
    private readonly int[] _levelShift;
    private readonly ulong[] _levelMask;

    /// <summary>Creates a description; the loader validates user input before calling this.</summary>
    public MachineDescription(string name, string summary, int pageShift, IReadOnlyList<LevelDescription> levels,
        AddressCheck addressCheck, PteLayout pte, ulong physicalMemoryBytes, TlbShape tlb, CostTable costs,
        MachineImage? image = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        Name = name;
        Summary = summary;
        PageShift = pageShift;
        Levels = levels;
        AddressCheck = addressCheck;
        Pte = pte;
        PhysicalMemoryBytes = physicalMemoryBytes;
        Tlb = tlb;
        Costs = costs;
        Image = image;
        _levelShift = new int[levels.Count];
        _levelMask = new ulong[levels.Count];
        int shift = pageShift;
        for (int i = levels.Count - 1; i >= 0; i--)
        {
            _levelShift[i] = shift;
            _levelMask[i] = (1UL << levels[i].IndexBits) - 1;
            shift += levels[i].IndexBits;
        }

        VaBits = shift;
    }

    /// <summary>Name used on the command line (<c>x86-64</c>, <c>riscv-sv39</c>, …).</summary>
    public string Name { get; }

    /// <summary>One-line description for listings.</summary>
    public string Summary { get; }

    /// <summary>log2 of the base page size.</summary>
    public int PageShift { get; }

    /// <summary>Base page size in bytes.</summary>
    public ulong PageSize => 1UL << PageShift;

    /// <summary>The levels, root first.</summary>
    public IReadOnlyList<LevelDescription> Levels { get; }

    /// <summary>Number of translated virtual-address bits.</summary>
    public int VaBits { get; }

    /// <summary>Rule for the bits above <see cref="VaBits"/>.</summary>
    public AddressCheck AddressCheck { get; }

    /// <summary>The page-table entry format.</summary>
    public PteLayout Pte { get; }

    /// <summary>Bytes of physical memory (a whole number of frames).</summary>
    public ulong PhysicalMemoryBytes { get; }

    /// <summary>Number of physical frames.</summary>
    public ulong FrameCount => PhysicalMemoryBytes >> PageShift;

    /// <summary>TLB organisation.</summary>
    public TlbShape Tlb { get; }

    /// <summary>Cycle costs.</summary>
    public CostTable Costs { get; }

    /// <summary>Initial memory contents, root and mappings, or null for an empty machine.</summary>
    public MachineImage? Image { get; }

    /// <summary>Lowest virtual-address bit of level <paramref name="level"/>'s index.</summary>
    public int LevelShift(int level) => _levelShift[level];

    /// <summary>Index of <paramref name="va"/> into a table of level <paramref name="level"/>.</summary>
    public ulong IndexOf(ulong va, int level) => (va >> _levelShift[level]) & _levelMask[level];

    /// <summary>Bytes one table of level <paramref name="level"/> occupies.</summary>
    public ulong TableBytes(int level) => (ulong)Pte.WidthBytes << Levels[level].IndexBits;

    /// <summary>Returns a copy with another image (used to save and share machine states).</summary>
    public MachineDescription WithImage(MachineImage? image) =>
        new(Name, Summary, PageShift, Levels, AddressCheck, Pte, PhysicalMemoryBytes, Tlb, Costs, image);

    /// <summary>Returns a copy with another TLB shape.</summary>
    public MachineDescription WithTlb(TlbShape tlb) =>
        new(Name, Summary, PageShift, Levels, AddressCheck, Pte, PhysicalMemoryBytes, tlb, Costs, Image);
}
