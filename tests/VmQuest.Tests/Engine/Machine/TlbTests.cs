using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Tlb;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Machine.MachineTestKit;

namespace VmQuest.Tests.Engine.Machine;

public class TlbTests
{
    private static (MachineState State, ulong Root) X86(TlbShape? shape = null)
    {
        var description = VmQuest.Engine.Machine.Loading.BuiltinMachines.Load("x86-64").WithImage(null);
        var state = Empty(shape is null ? description : description.WithTlb(shape));
        ulong root = state.Tables.CreateRoot();
        state.Mmu.LoadCr3(root, pcid: 1);
        return (state, root);
    }

    [Fact]
    public void Translate_SecondAccessToPage_HitsAndCostsOneCycle()
    {
        var (state, root) = X86();
        state.Tables.Map(root, 0x400000, 0x400, PteBits.User);

        long start = state.Clock.Cycles;
        var miss = state.Mmu.Translate(0x400010, AccessKind.Read, PrivilegeLevel.User);
        long missCost = state.Clock.Cycles - start;
        var hit = state.Mmu.Translate(0x400ff8, AccessKind.Read, PrivilegeLevel.User);

        Assert.False(miss.TlbHit);
        Assert.Equal(1 + (4 * 25), missCost);                      // lookup + 4 memory references
        Assert.True(hit.TlbHit);
        Assert.Equal(0x400ff8UL, hit.PhysicalAddress);
        Assert.Equal(PteBits.User, hit.Effective);                   // read-only, user, executable, clean
        Assert.Equal(missCost + 1, state.Clock.Cycles - start);
        Assert.Equal(1, state.Mmu.TlbHits);
    }

    [Fact]
    public void Translate_PteChangedWithoutInvlpg_TlbStillServesStaleTranslation()
    {
        var (state, root) = X86();
        state.Tables.Map(root, 0x400000, 0x400, PteBits.User);
        state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);
        ulong entryAddress = state.Tables.FindLeaf(root, 0x400000)!.Value.EntryAddress;

        state.Memory.Write(entryAddress, 8, 0);                     // a raw store: no invlpg
        var stale = state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);
        state.Mmu.InvalidatePage(0x400000);                          // what a kernel must do
        var fresh = state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);

        Assert.True(stale.TlbHit);                                  // the hardware cache is really a cache
        Assert.Equal(FaultKind.NotPresent, fresh.Fault);
    }

    [Fact]
    public void Unmap_ThroughEditor_InvalidatesSoNoStaleTranslation()
    {
        var (state, root) = X86();
        state.Tables.Map(root, 0x400000, 0x400, PteBits.User | PteBits.Writable);
        state.Mmu.Translate(0x400000, AccessKind.Write, PrivilegeLevel.User);

        state.Tables.SetFlags(root, 0x400000, PteBits.Present | PteBits.User); // mprotect(PROT_READ)
        var write = state.Mmu.Translate(0x400000, AccessKind.Write, PrivilegeLevel.User);
        state.Tables.Unmap(root, 0x400000);
        var read = state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);

        Assert.Equal(FaultKind.WriteProtect, write.Fault);
        Assert.Equal(FaultKind.NotPresent, read.Fault);
    }

    [Fact]
    public void Translate_WriteToCleanCachedPage_WalksAgainToSetDirty()
    {
        var (state, root) = X86();
        state.Tables.Map(root, 0x400000, 0x400, PteBits.User | PteBits.Writable);
        state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);

        var write = state.Mmu.Translate(0x400000, AccessKind.Write, PrivilegeLevel.User);

        Assert.False(write.TlbHit);
        Assert.True((state.Tables.FindLeaf(root, 0x400000)!.Value.Flags & PteBits.Dirty) != 0);
        Assert.True(state.Mmu.Translate(0x400008, AccessKind.Write, PrivilegeLevel.User).TlbHit);
    }

    [Fact]
    public void LoadCr3_WithPcids_KeepsEachAddressSpaceApart()
    {
        var (state, rootA) = X86();
        ulong rootB = state.Tables.CreateRoot();
        state.Tables.Map(rootA, 0x400000, 0x400, PteBits.User);
        state.Tables.Map(rootB, 0x400000, 0x500, PteBits.User);

        var a = state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);
        state.Mmu.LoadCr3(rootB, pcid: 2);
        var b = state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);
        state.Mmu.LoadCr3(rootA, pcid: 1);
        var a2 = state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);

        Assert.Equal(0x400000UL, a.PhysicalAddress);
        Assert.False(b.TlbHit);                                      // PCID 2 does not see PCID 1's entry
        Assert.Equal(0x500000UL, b.PhysicalAddress);
        Assert.True(a2.TlbHit);                                       // PCID 1's entry survived the switch
        Assert.Equal(0x400000UL, a2.PhysicalAddress);
    }

    [Fact]
    public void FlushPcid_DropsOnlyThatPcidAndKeepsGlobals()
    {
        var (state, root) = X86();
        state.Tables.Map(root, 0x400000, 0x400, PteBits.User);
        state.Tables.Map(root, 0xffff888000000000, 0x20, PteBits.Global);
        state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);
        state.Mmu.Translate(0xffff888000000000, AccessKind.Read, PrivilegeLevel.Supervisor);
        state.Mmu.LoadCr3(root, pcid: 2);
        state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);

        state.Mmu.FlushPcid(1);

        Assert.False(state.Mmu.Tlb.Contains(0x400000, 1));
        Assert.True(state.Mmu.Tlb.Contains(0x400000, 2));
        Assert.True(state.Mmu.Tlb.Contains(0xffff888000000000, 1));   // global: matches every PCID
    }

    [Fact]
    public void LoadCr3_WithoutPcids_FlushesNonGlobalEntries()
    {
        var (state, root) = X86(new TlbShape(16, 4, TlbReplacement.Lru, Pcid: false));
        state.Tables.Map(root, 0x400000, 0x400, PteBits.User);
        state.Tables.Map(root, 0xffff888000000000, 0x20, PteBits.Global);
        state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);
        state.Mmu.Translate(0xffff888000000000, AccessKind.Read, PrivilegeLevel.Supervisor);

        state.Mmu.LoadCr3(root);

        Assert.False(state.Mmu.Tlb.Contains(0x400000, 0));
        Assert.True(state.Mmu.Tlb.Contains(0xffff888000000000, 0));
        state.Mmu.FlushTlb();
        Assert.Equal(0, state.Mmu.Tlb.Count);
    }

    [Theory]
    [InlineData(TlbReplacement.Lru, 0x401000UL)]   // page 0 was touched again, so page 1 is least recent
    [InlineData(TlbReplacement.Fifo, 0x400000UL)]  // page 0 was filled first
    public void Fill_FullSet_EvictsByPolicy(TlbReplacement policy, ulong evicted)
    {
        var (state, root) = X86(new TlbShape(2, 2, policy, Pcid: true));
        for (ulong p = 0; p < 3; p++)
        {
            state.Tables.Map(root, 0x400000 + (p << 12), 0x400 + p, PteBits.User);
        }

        state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);
        state.Mmu.Translate(0x401000, AccessKind.Read, PrivilegeLevel.User);
        state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);
        state.Mmu.Translate(0x402000, AccessKind.Read, PrivilegeLevel.User);

        Assert.False(state.Mmu.Tlb.Contains(evicted, 1));
        Assert.Equal(2, state.Mmu.Tlb.Count);
    }

    [Fact]
    public void Translate_HugePageEntry_CoversTheWholeTwoMebibytes()
    {
        var (state, root) = X86();
        state.Tables.Map(root, 0x200000, 0x200, PteBits.User, leafLevel: 2);
        state.Mmu.Translate(0x200000, AccessKind.Read, PrivilegeLevel.User);

        var far = state.Mmu.Translate(0x3fffff, AccessKind.Read, PrivilegeLevel.User);

        Assert.True(far.TlbHit);
        Assert.Equal(0x3fffffUL, far.PhysicalAddress);
        Assert.Equal((2, 21), (far.Level, far.PageShift));          // served by the PMD-level entry
    }

    [Fact]
    public void Fill_RandomPolicy_SameSeedSameVictims()
    {
        IReadOnlyList<TlbEntryView> Run()
        {
            var (state, root) = X86(new TlbShape(4, 4, TlbReplacement.Random, Pcid: true, Seed: 42));
            for (ulong p = 0; p < 12; p++)
            {
                state.Tables.Map(root, p << 12, 0x400 + p, PteBits.User);
                state.Mmu.Translate(p << 12, AccessKind.Read, PrivilegeLevel.User);
            }

            return state.Mmu.Tlb.Snapshot();
        }

        Assert.Equal(Run(), Run());
        Assert.Equal(4, Run().Count);
    }

    [Fact]
    public void Translate_CostOverride_ChargesTheMachinesTable()
    {
        var x86 = VmQuest.Engine.Machine.Loading.BuiltinMachines.Load("x86-64").WithImage(null);
        var costly = new VmQuest.Engine.Machine.Description.MachineDescription(x86.Name, x86.Summary, x86.PageShift, x86.Levels,
            x86.AddressCheck, x86.Pte, x86.PhysicalMemoryBytes, x86.Tlb, x86.Costs with { WalkMemoryReference = 200, TlbHit = 3 });
        var state = Empty(costly);
        ulong root = state.Tables.CreateRoot();
        state.Mmu.LoadCr3(root, 1);
        state.Tables.Map(root, 0x400000, 0x400, PteBits.User);
        long start = state.Clock.Cycles;

        state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);   // miss: 3 + 4 × 200
        state.Mmu.Translate(0x400000, AccessKind.Read, PrivilegeLevel.User);   // hit: 3
        state.Mmu.Translate(0x800000, AccessKind.Read, PrivilegeLevel.User);   // PMD not present: 3 + 3 × 200

        Assert.Equal(803 + 3 + 603, state.Clock.Cycles - start);
    }

    [Fact]
    public void Validate_SetsNotPowerOfTwo_Explains()
    {
        Assert.Contains("power of two", new TlbShape(12, 4, TlbReplacement.Lru, false).Validate(), StringComparison.Ordinal);
        Assert.Null(new TlbShape(64, 4, TlbReplacement.Lru, false).Validate());
    }

    [Fact]
    public void InvalidatePage_RandomFills_DropsExactlyTheEntriesThatMapThePage()
    {
        // The set-indexed invalidation must drop what a search of every entry would: each entry, of either page
        // size and any PCID, whose page contains the address, and nothing else.
        var machine = VmQuest.Engine.Machine.Loading.BuiltinMachines.Load("x86-64").WithImage(null);
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var tlb = new TranslationLookasideBuffer(TlbShape.Default, machine);
            for (var i = 0; i < 40; i++)
            {
                var shift = random.Next(4) == 0 ? 21 : 12;
                var va = (ulong)random.Next(64) << shift;
                tlb.Fill(new Translation(va, (ulong)random.Next(1 << 10) << shift, FaultKind.None, PageFaultErrorCode.None, shift == 21 ? 2 : 3, shift, false, PteBits.User), (ushort)random.Next(3));
            }

            var target = (ulong)random.Next(64) << 12;
            var expected = tlb.Snapshot().Where(e => e.VirtualBase >> e.PageShift != target >> e.PageShift).ToList();

            tlb.InvalidatePage(target);

            Assert.Equal(expected, tlb.Snapshot());
            Assert.Equal(expected.Count, tlb.Count);
        }
    }
}
