using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Machine;

/// <summary>Boots built-in machines without their demo image, frame 0 reserved, so tables land at frames 1, 2, 3…</summary>
internal static class MachineTestKit
{
    public static MachineState Empty(string name) => Empty(BuiltinMachines.Load(name).WithImage(null));

    public static MachineState Empty(MachineDescription description)
    {
        var state = MachineState.Boot(description);
        state.Frames.Reserve(0);
        return state;
    }

    /// <summary>An empty machine with a fresh root loaded into CR3.</summary>
    public static (MachineState State, ulong Root) WithRoot(string name)
    {
        var state = Empty(name);
        ulong root = state.Tables.CreateRoot();
        state.Mmu.LoadCr3(root);
        return (state, root);
    }

    public static (Translation T, List<WalkStep> Steps) Walk(MachineState state, ulong va, AccessKind access = AccessKind.Read,
        PrivilegeLevel mode = PrivilegeLevel.User)
    {
        var observer = new ListWalkObserver([]);
        var t = PageWalker.Walk(state.Description, state.Memory, state.Mmu.Cr3, va, access, mode, ref observer);
        return (t, observer.Steps);
    }

    public static ulong Entry(MachineState state, ulong address) => state.Memory.Read(address, state.Description.Pte.WidthBytes);
}
