using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Tlb;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Machine;

/// <summary>
/// For random mappings, remappings, permission changes and unmaps (all through the page-table editor) and
/// random accesses, translating through the TLB equals a fresh walk without it, and both equal a plain
/// dictionary model of the mapping.
/// </summary>
public class TranslationModelPropertyTests
{
    private enum OpKind { Map, Unmap, Protect, Access, Access2, Access3, SwitchPcid }

    private sealed record Op(OpKind Kind, int Page, int Frame, int Bits, int Offset);

    // Pages that share and split tables at every level, including the kernel half.
    private static readonly ulong[] X86Pages =
    [
        0x0, 0x1000, 0x2000, 0x1ff000, 0x200000, 0x40000000, 0x7fffffffe000, 0x7ffffffff000,
        0xffff800000000000, 0xffff800000001000, 0xffffffffffe00000, 0xfffffffffffff000,
    ];

    private static readonly ulong[] Sv39Pages =
    [
        0x0, 0x1000, 0x2000, 0x1ff000, 0x200000, 0x40000000, 0x3ffffff000, 0x3fffffe000,
        0xffffffc000000000, 0xffffffc000001000, 0xffffffffffe00000, 0xfffffffffffff000,
    ];

    [Theory]
    [InlineData("x86-64")]
    [InlineData("riscv-sv39")]
    public void RandomMappingsAndAccesses_TlbEqualsWalkEqualsModel(string machine)
    {
        var op = from kind in Gen.Elements(Enum.GetValues<OpKind>())
                 from page in Gen.Choose(0, X86Pages.Length - 1)
                 from frame in Gen.Choose(16, 200)
                 from bits in Gen.Choose(0, 31)
                 from offset in Gen.Choose(0, 4095)
                 select new Op(kind, page, frame, bits, offset);
        var program = Gen.ListOf(op).Select(ops => ops.ToArray());

        Prop.ForAll(program.ToArbitrary(), ops => Run(machine, ops))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200).WithEndSize(300));
    }

    private static bool Run(string machineName, Op[] ops)
    {
        var description = BuiltinMachines.Load(machineName).WithImage(null).WithTlb(new TlbShape(4, 2, TlbReplacement.Lru, Pcid: true));
        var state = MachineTestKit.Empty(description);
        ulong root = state.Tables.CreateRoot();
        state.Mmu.LoadCr3(root, 1);
        var model = new Dictionary<ulong, (ulong Frame, PteBits Flags)>();
        foreach (var op in ops)
        {
            ulong va = (machineName == "x86-64" ? X86Pages : Sv39Pages)[op.Page];
            var flags = (PteBits)(op.Bits & 0b1111) & (PteBits.Writable | PteBits.User | PteBits.NoExecute) | PteBits.Present;
            switch (op.Kind)
            {
                case OpKind.Map:
                    state.Tables.Unmap(root, va);
                    state.Tables.Map(root, va, (ulong)op.Frame, flags);
                    model[va] = ((ulong)op.Frame, flags);
                    break;
                case OpKind.Unmap:
                    state.Tables.Unmap(root, va);
                    model.Remove(va);
                    break;
                case OpKind.Protect:
                    if (model.TryGetValue(va, out var old))
                    {
                        state.Tables.SetFlags(root, va, flags);
                        model[va] = (old.Frame, flags);
                    }

                    break;
                case OpKind.SwitchPcid:
                    state.Mmu.LoadCr3(root, (ushort)(1 + (op.Bits & 1)));
                    break;
                default:
                    var access = (AccessKind)(op.Bits % 3);
                    var mode = (op.Bits & 4) != 0 ? PrivilegeLevel.Supervisor : PrivilegeLevel.User;
                    ulong address = va + (ulong)op.Offset;
                    var viaTlb = state.Mmu.Translate(address, access, mode);
                    var viaWalk = PageWalker.Walk(description, state.Memory, root, address, access, mode);
                    var expected = Model(model, va, (ulong)op.Offset, access, mode);
                    if (viaTlb.Fault != expected.Fault || viaWalk.Fault != expected.Fault
                        || viaTlb.PhysicalAddress != expected.Pa || viaWalk.PhysicalAddress != expected.Pa)
                    {
                        throw new InvalidOperationException(
                            $"{op}: tlb {viaTlb.Fault} 0x{viaTlb.PhysicalAddress:x} (hit {viaTlb.TlbHit}), walk {viaWalk.Fault} 0x{viaWalk.PhysicalAddress:x}, model {expected.Fault} 0x{expected.Pa:x}");
                    }

                    break;
            }
        }

        return true;
    }

    private static (FaultKind Fault, ulong Pa) Model(Dictionary<ulong, (ulong Frame, PteBits Flags)> model, ulong page,
        ulong offset, AccessKind access, PrivilegeLevel mode)
    {
        if (!model.TryGetValue(page, out var m))
        {
            return (FaultKind.NotPresent, 0);
        }

        if (mode == PrivilegeLevel.User && (m.Flags & PteBits.User) == 0)
        {
            return (FaultKind.UserSupervisor, 0);
        }

        if (access == AccessKind.Write && (m.Flags & PteBits.Writable) == 0)
        {
            return (FaultKind.WriteProtect, 0);
        }

        if (access == AccessKind.Execute && (m.Flags & PteBits.NoExecute) != 0)
        {
            return (FaultKind.NoExecute, 0);
        }

        return (FaultKind.None, (m.Frame << 12) + offset);
    }
}
