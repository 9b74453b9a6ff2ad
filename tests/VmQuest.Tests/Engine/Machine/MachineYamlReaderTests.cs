using VmQuest.Engine.Formats;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;

namespace VmQuest.Tests.Engine.Machine;

public class MachineYamlReaderTests
{
    private const string Minimal = """
        name: tiny
        pageSize: 256
        physicalMemory: 64KiB
        levels:
          - { name: PD, bits: 4, huge: true }
          - { name: PT, bits: 4 }
        pte:
          width: 2
          frame: { shift: 8, bits: 8 }
          bits: { present: 0, writable: 1, user: 2, huge: 3 }
        """;

    [Fact]
    public void Names_ListsEveryBuiltinMachine()
    {
        Assert.Equal(["i386", "ostep-linear", "ostep-multilevel", "riscv-sv39", "x86-64", "x86-64-la57"], BuiltinMachines.Names);
    }

    [Theory]
    [InlineData("x86-64", 12, 48, 4, 8)]
    [InlineData("x86-64-la57", 12, 57, 5, 8)]
    [InlineData("i386", 12, 32, 2, 4)]
    [InlineData("riscv-sv39", 12, 39, 3, 8)]
    [InlineData("ostep-linear", 12, 14, 1, 4)]
    [InlineData("ostep-multilevel", 5, 15, 2, 1)]
    public void Load_Builtin_HasTheDocumentedGeometry(string name, int pageShift, int vaBits, int levels, int width)
    {
        var machine = BuiltinMachines.Load(name);

        Assert.Equal((pageShift, vaBits, levels, width), (machine.PageShift, machine.VaBits, machine.Levels.Count, machine.Pte.WidthBytes));
        Assert.NotNull(machine.Image);
        var state = MachineState.Boot(machine);                       // the demo image boots
        Assert.NotEqual(0UL, state.Frames.FrameCount - state.Frames.FreeCount);
    }

    [Fact]
    public void Load_X86_64_HasTheRealBitLayout()
    {
        var pte = BuiltinMachines.Load("x86-64").Pte;

        Assert.Equal((1UL, 2UL, 4UL, 0x20UL, 0x40UL, 0x80UL, 0x100UL, 1UL << 63),
            (pte.PresentMask, pte.WritableMask, pte.UserMask, pte.AccessedMask, pte.DirtyMask, pte.HugeMask, pte.GlobalMask, pte.NoExecuteMask));
        Assert.Equal(0x000f_ffff_ffff_f000UL, pte.FrameFieldMask << pte.FrameShift); // PFN in bits 12-51
    }

    [Fact]
    public void Read_MinimalFile_UsesDefaultsForTlbAndCosts()
    {
        var machine = MachineYamlReader.Read(Minimal, "tiny.yaml");

        Assert.Equal(16, machine.VaBits);
        Assert.Equal(256UL, machine.FrameCount);
        Assert.Equal(25, machine.Costs.WalkMemoryReference);
        Assert.Null(machine.Image);
    }

    [Fact]
    public void Read_CostOverride_ReplacesOnlyThatCost()
    {
        var machine = MachineYamlReader.Read(Minimal + "\ncosts: { walkMemoryReference: 200 }\n", "tiny.yaml");

        Assert.Equal(200, machine.Costs.WalkMemoryReference);
        Assert.Equal(1, machine.Costs.TlbHit);
    }

    [Theory]
    [InlineData("pageSize: 256", "pageSize: 300", 2, "power of two")]
    [InlineData("name: tiny", "name: tiny\ncolour: red", 2, "unknown key 'colour'")]
    [InlineData("  - { name: PT, bits: 4 }", "  - { name: PT, bits: 0 }", 6, "level bits must be 1 to 20")]
    [InlineData("  width: 2", "  width: 3", 8, "pte width must be 1, 2, 4 or 8")]
    [InlineData("present: 0, writable: 1", "present: 0, writable: 9", 10, "overlaps the frame field")]
    [InlineData("present: 0, writable: 1", "present: 0, writeable: 1", 10, "unknown bit 'writeable'")]
    [InlineData("present: 0, writable: 1, user: 2", "writable: 1, user: 2", 10, "must name the 'present'")]
    [InlineData("physicalMemory: 64KiB", "physicalMemory: lots", 3, "must be a size")]
    [InlineData("levels:\n  - { name: PD, bits: 4, huge: true }\n  - { name: PT, bits: 4 }", "levels: 3", 4, "must be a list")]
    [InlineData("name: tiny", "name: [tiny", 2, "not valid YAML")] // noticed where the list fails to close
    public void Read_MalformedFile_OneLineErrorNamingTheLine(string find, string replace, int line, string expected)
    {
        string yaml = Minimal.Replace(find, replace, StringComparison.Ordinal);

        var e = Assert.ThrowsAny<FormatParseException>(() => MachineYamlReader.Read(yaml, "tiny.yaml"));

        Assert.Equal(line, e.Line);
        Assert.StartsWith($"tiny.yaml:{line}:", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("tlb: { entries: 12, ways: 4 }", 11, "power of two")]
    [InlineData("mappings:\n  - { va: 0x180, frame: 3 }", 12, "must both be aligned")]
    [InlineData("mappings:\n  - { va: 0x100, frame: 3, flags: [writable, exec] }", 12, "unknown flag 'exec'")]
    [InlineData("mappings:\n  - { va: 0x100, frame: 3, level: PD }", 12, "must both be aligned")]
    [InlineData("mappings:\n  - { va: 0x100, frame: 3, level: PMD }", 12, "cannot hold a page")]
    [InlineData("memory:\n  - { address: 0xfffe, bytes: \"01 02 03\" }", 12, "runs past the end")]
    [InlineData("memory:\n  - { address: 0x10, bytes: \"0g\" }", 12, "pairs of hex digits")]
    [InlineData("root: 0x10001", 11, "root 0x10001")]
    [InlineData("mappings:\n  - { va: 0x0, frame: 0x10, level: PD }\n  - { va: 0x100, frame: 3 }", 13, "cannot be built: 0x100: a huge page at level PD")]
    [InlineData("mappings:\n  - { va: 0x100, frame: 3 }\n  - { va: 0x0, frame: 0x10, level: PD }", 13, "cannot be built: 0x0: a page table is already")]
    public void Read_MalformedImage_OneLineErrorNamingTheLine(string extra, int line, string expected)
    {
        var e = Assert.Throws<InputFileException>(() => MachineYamlReader.Read(Minimal + "\n" + extra + "\n", "tiny.yaml"));

        Assert.Equal(line, e.Line);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Boot_ImageWithMappingsAndMemory_TranslatesToTheBytes()
    {
        string yaml = Minimal + "\nmemory:\n  - { frame: 3, bytes: \"2a 2b\" }\nmappings:\n  - { va: 0x100, frame: 3, flags: [user] }\n";
        var state = MachineState.Boot(MachineYamlReader.Read(yaml, "tiny.yaml"));

        var t = state.Mmu.Translate(0x101, VmQuest.Engine.Machine.Walk.AccessKind.Read, VmQuest.Engine.Machine.Walk.PrivilegeLevel.User);

        Assert.Equal(0x301UL, t.PhysicalAddress);
        Assert.Equal(0x2b, state.Memory.ReadByte(t.PhysicalAddress));
        Assert.Equal(0UL, state.Mmu.Cr3);                                // frame 0 was the lowest free frame
        Assert.True(state.Frames.IsUsed(3));
    }

    [Fact]
    public void Load_UnknownBuiltin_ListsTheNames()
    {
        var e = Assert.Throws<InputFileException>(() => BuiltinMachines.Load("vax"));

        Assert.StartsWith("vax: unknown machine; expected one of: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("x86-64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Decode_RoundTripsRepresentableFlags()
    {
        var pte = BuiltinMachines.Load("riscv-sv39").Pte;
        var flags = PteBits.Present | PteBits.Writable | PteBits.User | PteBits.NoExecute | PteBits.Dirty;

        ulong entry = pte.Encode(0x123, flags, leaf: true);

        Assert.Equal(0x123UL, pte.FrameOf(entry));
        Assert.Equal(flags, pte.Decode(entry));
    }
}
