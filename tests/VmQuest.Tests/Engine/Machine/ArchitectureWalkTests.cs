using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Machine.MachineTestKit;

namespace VmQuest.Tests.Engine.Machine;

public class ArchitectureWalkTests
{
    public static TheoryData<string, int> EveryLevelOfEveryMachine()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in BuiltinMachines.Names)
        {
            int levels = BuiltinMachines.Load(name).Levels.Count;
            for (int level = 0; level < levels; level++)
            {
                data.Add(name, level);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryLevelOfEveryMachine))]
    public void Walk_NotPresentEntryAtLevel_FaultsAtThatLevel(string machine, int level)
    {
        var (state, root) = WithRoot(machine);
        state.Tables.Map(root, 0, 5, PteBits.Writable | PteBits.User);
        var (ok, steps) = Walk(state, 0);
        Assert.True(ok.IsOk);
        state.Memory.Write(steps[level].EntryAddress, state.Description.Pte.WidthBytes, 0);

        var (t, after) = Walk(state, 0);

        Assert.Equal(FaultKind.NotPresent, t.Fault);
        Assert.Equal(level, t.Level);
        Assert.Equal(level + 1, after.Count);
        Assert.Equal(PageFaultErrorCode.User, t.ErrorCode);
    }

    [Fact]
    public void Walk_La57_UsesFiveLevelsAndFiftySevenBits()
    {
        var (state, root) = WithRoot("x86-64-la57");
        // 0x00ff000000000000: bits 56..48 = 0xff → PGD 255; every other index 0. Not reachable with 4 levels.
        state.Tables.Map(root, 0x00ff000000000000, 0x42, PteBits.User);

        var (t, steps) = Walk(state, 0x00ff000000000123);

        Assert.Equal(0x42123UL, t.PhysicalAddress);
        Assert.Equal([255UL, 0, 0, 0, 0], steps.Select(s => s.Index));
        Assert.Equal(0x1000UL + 255 * 8, steps[0].EntryAddress);
        Assert.Equal(FaultKind.NonCanonical, Walk(state, 0x0100000000000000).T.Fault); // bit 56 set, 63..57 clear
    }

    [Fact]
    public void Walk_I386_TwoLevelsOfTenBitsWithFourBytePtes()
    {
        var (state, root) = WithRoot("i386");
        // 0x0804a123: PGD index 32 (0x0804a123 >> 22), PTE index 74 ((>> 12) & 0x3ff), offset 0x123.
        state.Tables.Map(root, 0x0804a000, 0x801, PteBits.Writable | PteBits.User);

        var (t, steps) = Walk(state, 0x0804a123, AccessKind.Write);

        Assert.Equal(0x801123UL, t.PhysicalAddress);
        Assert.Equal([32UL, 74UL], steps.Select(s => s.Index));
        Assert.Equal([0x1000UL + 32 * 4, 0x2000UL + 74 * 4], steps.Select(s => s.EntryAddress));
        Assert.Equal(0x801067UL, Entry(state, 0x2000 + 74 * 4)); // P RW US A D as a 4-byte entry
        Assert.Equal(FaultKind.OutOfRange, Walk(state, 0x1_0000_0000).T.Fault);
    }

    [Fact]
    public void Walk_I386_FourMebibytePageViaPs()
    {
        var (state, root) = WithRoot("i386");
        state.Tables.Map(root, 0xc0000000, 0x400, PteBits.Writable | PteBits.Global, leafLevel: 0);

        var (t, steps) = Walk(state, 0xc0123456, mode: PrivilegeLevel.Supervisor);

        Assert.Equal(0x523456UL, t.PhysicalAddress);              // 0x400000 + 0x123456
        Assert.Single(steps);
        Assert.Equal(768UL, steps[0].Index);
        Assert.True(Walk(state, 0xc0123456, AccessKind.Execute, PrivilegeLevel.Supervisor).T.IsOk); // no NX without PAE
    }

    [Fact]
    public void Walk_RiscvSv39_LeafRecognisedByPermissionBits()
    {
        var (state, root) = WithRoot("riscv-sv39");
        // 0x40201000: VPN[2] = 1, VPN[1] = 1, VPN[0] = 1. PPN sits at bit 10: frame 0x123 → 0x123 << 10.
        state.Tables.Map(root, 0x40201000, 0x123, PteBits.Writable | PteBits.User | PteBits.NoExecute);

        var (t, steps) = Walk(state, 0x40201abc);

        Assert.Equal(0x123abcUL, t.PhysicalAddress);
        Assert.Equal([1UL, 1UL, 1UL], steps.Select(s => s.Index));
        Assert.Equal((2UL << 10) | 1, steps[0].Entry);              // non-leaf: V only, next table frame 2
        Assert.Equal((0x123UL << 10) | 0b10111, steps[2].Entry);   // V R W U, X clear
        Assert.Equal(FaultKind.NoExecute, Walk(state, 0x40201abc, AccessKind.Execute).T.Fault);
        Assert.Equal((0x123UL << 10) | 0b1010111, Entry(state, steps[2].EntryAddress)); // A (bit 6) set by the read
    }

    [Fact]
    public void Walk_RiscvSv39_MegapageAndMisalignedMegapage()
    {
        var (state, root) = WithRoot("riscv-sv39");
        state.Tables.Map(root, 0x200000, 0x200, PteBits.User, leafLevel: 1);
        var (t, steps) = Walk(state, 0x2abcde);
        Assert.Equal(0x2abcdeUL, t.PhysicalAddress);
        Assert.Equal(2, steps.Count);

        // A megapage whose PPN[0] is not zero is a reserved encoding on RISC-V.
        state.Memory.Write(steps[1].EntryAddress, 8, (0x201UL << 10) | 0b10011);
        Assert.Equal(FaultKind.Reserved, Walk(state, 0x2abcde).T.Fault);
    }

    [Fact]
    public void Walk_OstepMultilevel_OneBytePdeAndPte()
    {
        var (state, root) = WithRoot("ostep-multilevel");
        // Page 32 bytes: root at frame 1 = 0x20. VA 0x611c = 11000 01000 11100: PDE 24, PTE 8, offset 28.
        state.Tables.Map(root, 0x6100, 0x35, PteBits.None);         // page table lands in frame 2

        var (t, steps) = Walk(state, 0x611c);

        Assert.Equal(0x6bcUL, t.PhysicalAddress);                  // 0x35 << 5 | 28
        Assert.Equal([0x20UL + 24, 0x40UL + 8], steps.Select(s => s.EntryAddress));
        Assert.Equal([0x82UL, 0xb5UL], steps.Select(s => s.Entry)); // bit 7 valid | PFN
    }

    [Fact]
    public void Walk_OstepLinear_ThirtyTwoBitEntriesValidBit31()
    {
        var (state, root) = WithRoot("ostep-linear");
        state.Tables.Map(root, 0x3000, 6, PteBits.None);

        var (t, steps) = Walk(state, 0x3229);

        Assert.Equal(0x6229UL, t.PhysicalAddress);
        Assert.Equal(0x80000006UL, Assert.Single(steps).Entry);
        Assert.Equal(FaultKind.NotPresent, Walk(state, 0x1369).T.Fault);
        Assert.Equal(FaultKind.OutOfRange, Walk(state, 0x4000).T.Fault);
    }
}
