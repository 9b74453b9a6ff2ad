using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Entities;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Machine.Entities;

public class MachineWorldTests
{
    private static readonly QueryDescription AllPtes = new QueryDescription().WithAll<LeafPte>();
    private static readonly QueryDescription AllFrames = new QueryDescription().WithAll<PhysicalFrame>();

    private static (World World, Schedule Schedule, MachineState State) Setup(string machine = "x86-64")
    {
        var world = new World();
        var state = MachineState.Boot(BuiltinMachines.Load(machine).WithImage(null));
        state.Frames.Reserve(0);
        MachineWorld.Attach(world, state);
        return (world, SimulationSchedule.Build(new LeafSyncModule()), state);
    }

    [Fact]
    public void Attach_CreatesOneEntityPerFrame()
    {
        var (world, _, state) = Setup("ostep-multilevel");

        Assert.Equal(128, world.CountEntities(AllFrames));
        Assert.Equal(FrameUse.Reserved, world.Get<PhysicalFrame>(world.GetResource<MachineDirectory>().Frames[0]).Use);
        Assert.Equal(127UL, state.Frames.FreeCount);
    }

    [Fact]
    public void Map_ThenTick_CreatesPteEntityAndMarksFrames()
    {
        var (world, schedule, _) = Setup();
        var space = MachineWorld.CreateAddressSpace(world);
        MachineWorld.Map(world, space, 0x400000, 0x400, PteBits.User | PteBits.Writable);

        schedule.RunTick(world);

        var directory = world.GetResource<MachineDirectory>();
        var pte = world.Get<LeafPte>(directory.Ptes[(space, 0x400000)]);
        Assert.Equal((space, 0x400000UL, 0x400UL, 3), (pte.Owner, pte.VirtualPage, pte.Frame, pte.Level));
        Assert.Equal(PteBits.Present | PteBits.User | PteBits.Writable, pte.Flags);
        var frame = world.Get<PhysicalFrame>(directory.Frames[0x400]);
        Assert.Equal((FrameUse.Data, 1, space), (frame.Use, frame.MapCount, frame.Owner));
        for (ulong table = 1; table <= 4; table++)                    // root PGD + PUD + PMD + PT
        {
            Assert.Equal(FrameUse.PageTable, world.Get<PhysicalFrame>(directory.Frames[table]).Use);
        }

        Assert.Empty(PteEntityInvariant.Check(world));
    }

    [Fact]
    public void Unmap_ThenTick_DestroysPteEntity()
    {
        var (world, schedule, _) = Setup();
        var space = MachineWorld.CreateAddressSpace(world);
        MachineWorld.Map(world, space, 0x200000, 0x200, PteBits.User, leafLevel: 2);
        schedule.RunTick(world);
        var frames = world.GetResource<MachineDirectory>().Frames;
        Assert.Equal(1, world.Get<PhysicalFrame>(frames[0x3ff]).MapCount); // the huge page covers frames 0x200..0x3ff
        Assert.Equal(0, world.Get<PhysicalFrame>(frames[0x400]).MapCount);

        MachineWorld.Unmap(world, space, 0x2abcde);
        schedule.RunTick(world);

        Assert.Equal(0, world.CountEntities(AllPtes));
        Assert.Empty(PteEntityInvariant.Check(world));
    }

    [Fact]
    public void Check_RawEntryChangedBehindTheWorldsBack_ReportsDisagreement()
    {
        var (world, schedule, state) = Setup();
        var space = MachineWorld.CreateAddressSpace(world);
        MachineWorld.Map(world, space, 0x400000, 0x400, PteBits.User);
        schedule.RunTick(world);
        ulong entryAddress = state.Tables.FindLeaf(world.Get<AddressSpace>(space).Root, 0x400000)!.Value.EntryAddress;

        state.Memory.Write(entryAddress, 8, 0x500007);

        var problem = Assert.Single(PteEntityInvariant.Check(world));
        Assert.Contains("says frame 0x400", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HardwareSetsAccessedAndDirty_StillAgrees()
    {
        var (world, schedule, state) = Setup();
        var space = MachineWorld.CreateAddressSpace(world);
        MachineWorld.Map(world, space, 0x400000, 0x400, PteBits.User | PteBits.Writable);
        schedule.RunTick(world);

        Touch(world, space, 0x400010, AccessKind.Write);
        schedule.RunTick(world);

        Assert.True((state.Tables.FindLeaf(world.Get<AddressSpace>(space).Root, 0x400000)!.Value.Flags & PteBits.Dirty) != 0);
        Assert.Empty(PteEntityInvariant.Check(world));
    }

    // The hardware's own table writes (A and D bits), as a user access by the address space makes them.
    private static void Touch(World world, Entity space, ulong va, AccessKind access)
    {
        var mmu = world.GetResource<MachineState>().Mmu;
        var root = world.Get<AddressSpace>(space);
        mmu.LoadCr3(root.Root, root.Pcid);
        mmu.Translate(va, access, PrivilegeLevel.User);
    }

    // Only the PTE-entity sync: translation is the kernel's system now.
    private sealed class LeafSyncModule : IScheduleModule
    {
        public void Register(Schedule schedule) => schedule.Add(SimulationPhases.ApplyCommands, new LeafPteSyncSystem());
    }

    private sealed record Op(int Kind, int Space, int Page, int Frame, int Bits);

    // Found the page-key ambiguity between a 4 KiB page at 0x0 and the larger pages starting there.
    [Fact]
    public void RandomEdits_PteEntitiesAlwaysAgreeWithRawTables()
    {
        ulong[] pages = [0x0, 0x1000, 0x200000, 0x400000, 0x7ffffffff000, 0xffff800000000000];
        var op = from kind in Gen.Choose(0, 4)
                 from space in Gen.Choose(0, 1)
                 from page in Gen.Choose(0, pages.Length - 1)
                 from frame in Gen.Choose(100, 130)   // data frames clear of the table frames the allocator hands out
                 from bits in Gen.Choose(0, 15)
                 select new Op(kind, space, page, frame, bits);

        Prop.ForAll(Gen.ListOf(op).Select(o => o.ToArray()).ToArbitrary(), ops =>
        {
            var (world, schedule, _) = Setup();
            Entity[] spaces = [MachineWorld.CreateAddressSpace(world, 1), MachineWorld.CreateAddressSpace(world, 2)];
            foreach (var o in ops)
            {
                var space = spaces[o.Space];
                ulong va = pages[o.Page];
                var flags = (PteBits)(o.Bits & 0b1110) | PteBits.Present;
                switch (o.Kind)
                {
                    case 0:
                        MachineWorld.Unmap(world, space, va);
                        MachineWorld.Map(world, space, va, (ulong)o.Frame, flags);
                        break;
                    case 1:
                        MachineWorld.Unmap(world, space, va);
                        break;
                    case 2:
                        MachineWorld.SetFlags(world, space, va, flags);
                        break;
                    case 3:
                        Touch(world, space, va, (AccessKind)(o.Bits % 3));
                        break;
                    default:
                        schedule.RunTick(world);
                        var problems = PteEntityInvariant.Check(world);
                        if (problems.Count > 0)
                        {
                            throw new InvalidOperationException(string.Join("; ", problems));
                        }

                        break;
                }
            }

            schedule.RunTick(world);
            var remaining = PteEntityInvariant.Check(world);
            return remaining.Count == 0 ? true : throw new InvalidOperationException(string.Join("; ", remaining));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60).WithEndSize(60));
    }
}
