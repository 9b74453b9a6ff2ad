using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Machine.MachineTestKit;

namespace VmQuest.Tests.Engine.Machine;

public class X86_64WalkTests
{
    // 0x7f1234567abc = 0 11111110 | 001001000 | 110100010 | 101100111 | 101010111100
    //   PGD index 254 (0xfe), PUD 72 (0x48), PMD 418 (0x1a2), PTE 359 (0x167), offset 0xabc.
    private const ulong Va = 0x7f1234567abc;

    [Fact]
    public void Walk_FourLevels_ReadsEachEntryFromPhysicalMemory()
    {
        var (state, root) = WithRoot("x86-64");                 // root table in frame 1 (frame 0 reserved)
        state.Tables.Map(root, 0x7f1234567000, 0x777, PteBits.Writable | PteBits.User); // tables: frames 2, 3, 4

        var (t, steps) = Walk(state, Va);

        Assert.True(t.IsOk);
        Assert.Equal(0x777abcUL, t.PhysicalAddress);            // frame 0x777 << 12 | 0xabc
        Assert.Equal(4, steps.Count);
        Assert.Equal([254UL, 72UL, 418UL, 359UL], steps.Select(s => s.Index));
        Assert.Equal([0x1000UL + 254 * 8, 0x2000UL + 72 * 8, 0x3000UL + 418 * 8, 0x4000UL + 359 * 8], steps.Select(s => s.EntryAddress));
        Assert.Equal([0x2007UL, 0x3007UL, 0x4007UL, 0x777007UL], steps.Select(s => s.Entry)); // P|RW|US, PFN in bits 12+
        Assert.Equal([false, false, false, true], steps.Select(s => s.IsLeaf));
    }

    [Fact]
    public void Walk_Read_SetsAccessedEverywhereButNotDirty()
    {
        var (state, root) = WithRoot("x86-64");
        state.Tables.Map(root, 0x7f1234567000, 0x777, PteBits.Writable | PteBits.User);

        Walk(state, Va);

        Assert.Equal(0x2027UL, Entry(state, 0x1000 + 254 * 8));  // A = bit 5
        Assert.Equal(0x777027UL, Entry(state, 0x4000 + 359 * 8));
    }

    [Fact]
    public void Walk_Write_SetsDirtyOnTheLeaf()
    {
        var (state, root) = WithRoot("x86-64");
        state.Tables.Map(root, 0x7f1234567000, 0x777, PteBits.Writable | PteBits.User);

        Walk(state, Va, AccessKind.Write);

        Assert.Equal(0x777067UL, Entry(state, 0x4000 + 359 * 8)); // A (bit 5) + D (bit 6)
    }

    [Fact]
    public void Walk_HugePageAtPmd_StopsAfterThreeLevels()
    {
        var (state, root) = WithRoot("x86-64");
        // 0x40200000 + 0x12345: PGD 0, PUD 1, PMD 1; 2 MiB page at frame 0x400 (physical 0x400000).
        state.Tables.Map(root, 0x40200000, 0x400, PteBits.User, leafLevel: 2);

        var (t, steps) = Walk(state, 0x40212345);

        Assert.True(t.IsOk);
        Assert.Equal(0x412345UL, t.PhysicalAddress);
        Assert.Equal(21, t.PageShift);
        Assert.Equal(3, steps.Count);
        Assert.Equal(0x400085UL, steps[2].Entry);                // PS (bit 7) | US | P
        Assert.True(steps[2].IsLeaf);
    }

    [Fact]
    public void Walk_HugePageAtPud_MapsOneGibibyte()
    {
        var x86 = VmQuest.Engine.Machine.Loading.BuiltinMachines.Load("x86-64").WithImage(null);
        var big = new MachineDescription(x86.Name, x86.Summary, x86.PageShift, x86.Levels, x86.AddressCheck, x86.Pte,
            2UL << 30, x86.Tlb, x86.Costs);                      // 2 GiB of (sparse) memory
        var state = Empty(big);
        ulong root = state.Tables.CreateRoot();
        state.Mmu.LoadCr3(root);
        state.Tables.Map(root, 0x40000000, 0x40000, PteBits.Writable, leafLevel: 1); // frame 0x40000 = 1 GiB

        var (t, steps) = Walk(state, 0x40abcdef, mode: PrivilegeLevel.Supervisor);

        Assert.Equal(0x40abcdefUL, t.PhysicalAddress);
        Assert.Equal(30, t.PageShift);
        Assert.Equal(2, steps.Count);
    }

    [Fact]
    public void Walk_NoExecute_FetchFaultsWithInstructionFetchBit()
    {
        var (state, root) = WithRoot("x86-64");
        state.Tables.Map(root, 0x601000, 0x10, PteBits.Writable | PteBits.User | PteBits.NoExecute);

        var (t, _) = Walk(state, 0x601000, AccessKind.Execute);

        Assert.Equal(FaultKind.NoExecute, t.Fault);
        Assert.Equal(PageFaultErrorCode.Present | PageFaultErrorCode.User | PageFaultErrorCode.InstructionFetch, t.ErrorCode); // 0x15
        Assert.Equal(3, t.Level);
    }

    [Fact]
    public void Walk_UserAccessToKernelPage_FaultsUserSupervisor()
    {
        var (state, root) = WithRoot("x86-64");
        state.Tables.Map(root, 0xffff888000000000, 0x20, PteBits.Writable | PteBits.Global);

        var (user, _) = Walk(state, 0xffff888000000008);
        var (kernel, _) = Walk(state, 0xffff888000000008, mode: PrivilegeLevel.Supervisor);

        Assert.Equal(FaultKind.UserSupervisor, user.Fault);
        Assert.Equal(PageFaultErrorCode.Present | PageFaultErrorCode.User, user.ErrorCode);
        Assert.Equal(0x20008UL, kernel.PhysicalAddress);
    }

    [Fact]
    public void Walk_WriteToReadOnlyPage_FaultsWriteProtectEvenInKernel()
    {
        var (state, root) = WithRoot("x86-64");
        state.Tables.Map(root, 0x402000, 0x30, PteBits.User);    // "hello" in .rodata

        var (t, _) = Walk(state, 0x402000, AccessKind.Write, PrivilegeLevel.Supervisor); // CR0.WP = 1

        Assert.Equal(FaultKind.WriteProtect, t.Fault);
        Assert.Equal(PageFaultErrorCode.Present | PageFaultErrorCode.Write, t.ErrorCode);
    }

    [Fact]
    public void Walk_NonCanonicalAddress_FaultsBeforeAnyMemoryReference()
    {
        var (state, _) = WithRoot("x86-64");

        var (t, steps) = Walk(state, 0x0000800000000000);

        Assert.Equal(FaultKind.NonCanonical, t.Fault);
        Assert.Empty(steps);
    }

    [Fact]
    public void Walk_ClearedParentEntry_FaultsAtThatLevel()
    {
        var (state, root) = WithRoot("x86-64");
        state.Tables.Map(root, 0x7f1234567000, 0x777, PteBits.Writable | PteBits.User);
        state.Memory.Write(0x2000 + 72 * 8, 8, 0);                // clear the PUD entry

        var (t, steps) = Walk(state, Va, AccessKind.Write);

        Assert.Equal(FaultKind.NotPresent, t.Fault);
        Assert.Equal(1, t.Level);
        Assert.Equal(PageFaultErrorCode.Write | PageFaultErrorCode.User, t.ErrorCode); // 0x6: not present
        Assert.Equal(2, steps.Count);
        Assert.False(steps[1].Valid);
    }
}
