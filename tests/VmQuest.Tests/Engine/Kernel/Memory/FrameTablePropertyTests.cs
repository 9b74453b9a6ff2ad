using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Memory;

namespace VmQuest.Tests.Engine.Kernel.Memory;

/// <summary>
/// Random sequences of FrameTable operations must agree, step by step, with plain per-frame records — read
/// both through the facade and by querying the frame entities' components.
/// </summary>
public class FrameTablePropertyTests
{
    // More than one of a block's chunks (16384 rows), and the frames on either side of the boundary.
    private const int Frames = 16384 + 600;
    private static readonly int[] Touched = [0, 1, 16383, 16384, 16385, Frames - 1];

    private enum OpKind
    {
        TakeAnonymous,
        TakeFile,
        Reserve,
        Map,
        Unmap,
        Release,
        Pin,
        Unpin,
        AddToSwapCache,
        RemoveFromSwapCache,
    }

    private sealed record Op(OpKind Kind, int Frame, int Value);

    private record struct Expected(FrameUse Use, int MapCount, int Owner, ulong Va, int FileId, ulong Offset, bool Pinned, ulong SwapSlot);

    private static readonly QueryDescription FrameEntities = new QueryDescription().WithAll<FrameState, FrameReverseMap, FrameBacking>();

    [Fact]
    public void RandomOperations_AgreeWithPerFrameRecords()
    {
        // Few distinct frames, so operations meet each other's frames often.
        var op = from kind in Gen.Elements(Enum.GetValues<OpKind>())
                 from frame in Gen.Elements(Touched)
                 from value in Gen.Choose(1, 1000)
                 select new Op(kind, frame, value);
        var program = Gen.ListOf(op).Select(ops => ops.ToArray());

        Prop.ForAll(program.ToArbitrary(), ops => RunAgainstRecords(ops))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200).WithEndSize(200));
    }

    private static bool RunAgainstRecords(Op[] ops)
    {
        var world = new World();
        var table = new FrameTable(world, Frames);
        var expected = new Expected[Frames];
        foreach (var op in ops)
        {
            Apply(table, expected, op);
            AssertTouchedAgree(world, table, expected);
        }

        AssertEveryEntityAgrees(world, table, expected);
        return true;
    }

    private static void Apply(FrameTable table, Expected[] expected, Op op)
    {
        var f = (ulong)op.Frame;
        ref var e = ref expected[op.Frame];
        var free = e.Use == FrameUse.Free;
        switch (op.Kind)
        {
            case OpKind.TakeAnonymous when free:
                table.TakeForAnonymous(f, op.Value, (ulong)op.Value << 12);
                e = e with { Use = FrameUse.Anonymous, MapCount = 0, Owner = op.Value, Va = (ulong)op.Value << 12 };
                break;
            case OpKind.TakeFile when free:
                table.TakeForFile(f, op.Value, op.Value % 7, (ulong)op.Value * 4096, 0x1000);
                e = e with { Use = FrameUse.File, MapCount = 0, Owner = op.Value, FileId = op.Value % 7, Offset = (ulong)op.Value * 4096, Va = 0x1000 };
                break;
            case OpKind.Reserve when free:
                table.MarkReserved(f);
                e = e with { Use = FrameUse.Reserved, MapCount = 0, Owner = 0 };
                break;
            case OpKind.TakeAnonymous or OpKind.TakeFile or OpKind.Reserve:
                Assert.Throws<InvalidOperationException>(() => table.MarkReserved(f));
                break;
            case OpKind.Map:
                table.AddMapping(f);
                e.MapCount++;
                break;
            case OpKind.Unmap when e.MapCount > 0:
                Assert.Equal(--e.MapCount, table.RemoveMapping(f));
                break;
            case OpKind.Unmap:
                Assert.Throws<InvalidOperationException>(() => table.RemoveMapping(f));
                break;
            case OpKind.Release when e.MapCount == 0:
                table.Release(f);
                e = new Expected { Pinned = e.Pinned };
                break;
            case OpKind.Release:
                Assert.Throws<InvalidOperationException>(() => table.Release(f));
                break;
            case OpKind.Pin or OpKind.Unpin:
                table.SetPinned(f, op.Kind == OpKind.Pin);
                e.Pinned = op.Kind == OpKind.Pin;
                break;
            case OpKind.AddToSwapCache when e.Use == FrameUse.Anonymous:
                table.AddToSwapCache(f, (ulong)op.Value);
                e.SwapSlot = (ulong)op.Value;
                break;
            case OpKind.AddToSwapCache:
                Assert.Throws<InvalidOperationException>(() => table.AddToSwapCache(f, (ulong)op.Value));
                break;
            case OpKind.RemoveFromSwapCache:
                Assert.Equal(e.SwapSlot == 0 ? null : e.SwapSlot, table.RemoveFromSwapCache(f));
                e.SwapSlot = 0;
                break;
        }
    }

    private static void AssertTouchedAgree(World world, FrameTable table, Expected[] expected)
    {
        foreach (var i in Touched)
        {
            var f = (ulong)i;
            var e = expected[i];
            Assert.Equal(e.Use, table.UseOf(f));
            Assert.Equal(e.MapCount, table.MapCountOf(f));
            Assert.Equal(e.Owner, table.OwnerOf(f));
            Assert.Equal(e.Va, table.VirtualAddressOf(f));
            Assert.Equal((e.FileId, e.Offset), table.FilePageOf(f));
            Assert.Equal(e.Pinned, table.IsPinned(f));
            Assert.Equal(e.SwapSlot == 0 ? null : e.SwapSlot, table.SwapSlotOf(f));
            var entity = table.EntityOf(f);
            Assert.Equal((e.Use, e.MapCount, e.Owner), (world.Get<FrameState>(entity).Use, world.Get<FrameState>(entity).MapCount, world.Get<FrameState>(entity).OwnerPid));
            Assert.Equal(e.Va, world.Get<FrameReverseMap>(entity).VirtualAddress);
        }

        Assert.Equal(Touched.Count(i => expected[i].Use is FrameUse.Anonymous or FrameUse.File), table.DataFrames); // no other frame is ever taken
    }

    private static void AssertEveryEntityAgrees(World world, FrameTable table, Expected[] expected)
    {
        // The same facts seen as entities: every frame once, in frame order, with its components.
        var seen = 0;
        foreach (var chunk in world.Query(FrameEntities))
        {
            var states = chunk.GetSpan<FrameState>();
            var maps = chunk.GetSpan<FrameReverseMap>();
            var backings = chunk.GetSpan<FrameBacking>();
            for (var row = 0; row < states.Length; row++, seen++)
            {
                var e = expected[seen];
                Assert.Equal(seen, (int)table.FrameOf(chunk.Entities[row]));
                Assert.Equal((e.Use, e.MapCount, e.Owner), (states[row].Use, states[row].MapCount, states[row].OwnerPid));
                Assert.Equal(e.Pinned, (states[row].Flags & FrameFlags.Pinned) != 0);
                Assert.Equal(e.SwapSlot != 0, (states[row].Flags & FrameFlags.SwapCache) != 0);
                Assert.Equal((e.Va, e.FileId), (maps[row].VirtualAddress, backings[row].FileId));
                Assert.Equal(e.Use == FrameUse.File ? (uint)(e.Offset >> 12) : (uint)e.SwapSlot, backings[row].Page);
            }
        }

        Assert.Equal(Frames, seen);
    }
}
