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
    private readonly bool[] _hugeAllowed;

    /// <summary>Creates a description; the loader validates user input before calling this.</summary>
    public MachineDescription(string name, string summary, int pageShift, IReadOnlyList<LevelDescription> levels,
        AddressCheck addressCheck, PteLayout pte, ulong physicalMemoryBytes, TlbShape tlb, CostTable costs,
        MachineImage? image = null, string rootRegister = DefaultRootRegister, string addressSpaceId = DefaultAddressSpaceId)
    {
        ArgumentNullException.ThrowIfNull(levels);
        Name = name;
        RootRegister = rootRegister;
        AddressSpaceId = addressSpaceId;
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
        _hugeAllowed = [.. levels.Select(l => l.HugeAllowed)];
        int shift = pageShift;
        for (int i = levels.Count - 1; i >= 0; i--)
        {
            _levelShift[i] = shift;
            _levelMask[i] = (1UL << levels[i].IndexBits) - 1;
            shift += levels[i].IndexBits;
        }

        VaBits = shift;
    }

    /// <summary>The x86 name of the page-table root register, used when a machine file names none.</summary>
    public const string DefaultRootRegister = "CR3";

    /// <summary>The x86 name of the TLB's address-space tag, used when a machine file names none.</summary>
    public const string DefaultAddressSpaceId = "PCID";

    /// <summary>What the architecture calls the register holding the page-table root (<c>CR3</c>, RISC-V <c>satp</c>).</summary>
    public string RootRegister { get; }

    /// <summary>What the architecture calls the address-space tag of TLB entries (<c>PCID</c>, RISC-V <c>ASID</c>).</summary>
    public string AddressSpaceId { get; }

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

    /// <summary>Whether level <paramref name="level"/> may hold a leaf above the last level (array-backed for the walker).</summary>
    public bool HugeAllowed(int level) => _hugeAllowed[level];

    /// <summary>Index of <paramref name="va"/> into a table of level <paramref name="level"/>.</summary>
    public ulong IndexOf(ulong va, int level) => (va >> _levelShift[level]) & _levelMask[level];

    /// <summary>Bytes one table of level <paramref name="level"/> occupies.</summary>
    public ulong TableBytes(int level) => (ulong)Pte.WidthBytes << Levels[level].IndexBits;

    /// <summary>Returns a copy with another image (used to save and share machine states).</summary>
    public MachineDescription WithImage(MachineImage? image) =>
        new(Name, Summary, PageShift, Levels, AddressCheck, Pte, PhysicalMemoryBytes, Tlb, Costs, image, RootRegister, AddressSpaceId);

    /// <summary>Returns a copy with <paramref name="bytes"/> of physical memory (a whole number of pages).</summary>
    public MachineDescription WithPhysicalMemory(ulong bytes) =>
        new(Name, Summary, PageShift, Levels, AddressCheck, Pte, bytes, Tlb, Costs, Image, RootRegister, AddressSpaceId);

    /// <summary>Returns a copy with another TLB shape.</summary>
    public MachineDescription WithTlb(TlbShape tlb) =>
        new(Name, Summary, PageShift, Levels, AddressCheck, Pte, PhysicalMemoryBytes, tlb, Costs, Image, RootRegister, AddressSpaceId);
}
