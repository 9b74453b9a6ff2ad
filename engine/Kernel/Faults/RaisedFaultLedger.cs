using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Which of the tick's <see cref="PageFaultRaised"/> events have been handled, so each raised fault is handled
/// once: the batch paths (<see cref="KernelCore.Access"/>, the trace replay) raise a fault and handle it at once
/// through <see cref="KernelCore.HandleFault"/>; <see cref="PageFaultHandleSystem"/> handles the rest. Kept by
/// event index within one tick; a new tick starts empty. Allocation-free once grown to a tick's fault count.
/// </summary>
internal sealed class RaisedFaultLedger
{
    private bool[] _handled = new bool[16];
    private int _used;
    private long _tick = -1;

    /// <summary>
    /// Records that the fault just raised (the tick's latest <see cref="PageFaultRaised"/>) is being handled, when
    /// it is the fault of <paramref name="pid"/> at <paramref name="va"/> for <paramref name="access"/>.
    /// </summary>
    public void ClaimLatest(World world, int pid, ulong va, AccessKind access)
    {
        var raised = world.Events<PageFaultRaised>().Read();
        if (raised.Length > 0 && raised[^1] is var latest && latest.Pid == pid && latest.Va == va && latest.Access == access)
        {
            Mark(world.Tick, raised.Length - 1);
        }
    }

    /// <summary>True when the raised fault at <paramref name="index"/> of tick <paramref name="tick"/> was handled.</summary>
    public bool IsHandled(long tick, int index) => tick == _tick && index < _used && _handled[index];

    /// <summary>Records that the raised fault at <paramref name="index"/> of tick <paramref name="tick"/> is handled.</summary>
    public void Mark(long tick, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (tick != _tick)
        {
            Array.Clear(_handled, 0, _used);
            _used = 0;
            _tick = tick;
        }

        if (index >= _handled.Length)
        {
            Array.Resize(ref _handled, Math.Max(index + 1, _handled.Length * 2));
        }

        _handled[index] = true;
        _used = Math.Max(_used, index + 1);
    }
}
