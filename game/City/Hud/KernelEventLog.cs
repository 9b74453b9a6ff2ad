using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.City.Hud;

/// <summary>What kind of kernel event a log line narrates.</summary>
public enum LoggedEventKind
{
    /// <summary>A page fault and how the handler resolved it.</summary>
    Fault,

    /// <summary>Reclaim took a frame (to swap, or dropped a clean file page).</summary>
    Eviction,

    /// <summary>A context switch loaded another page-table root.</summary>
    Switch,

    /// <summary>A process was forked.</summary>
    Fork,

    /// <summary>A process exited or was killed.</summary>
    Exit,
}

/// <summary>One kernel event kept for the log: plain values, formatted only when drawn.</summary>
public readonly record struct LoggedEvent(
    long Tick, LoggedEventKind Kind, int Pid, int OtherPid, ulong Va, AccessKind Access, FaultOutcome Outcome, ulong Frame, ulong Slot, bool Flag);

/// <summary>
/// The last few kernel events of the simulation in a fixed ring (the narrated event log): faults with the
/// access that caused them, evictions, context switches, forks and exits. Collected each tick from the world's
/// events before <c>World.EndTick()</c> clears them; allocation-free, and bounded whatever the speed.
/// </summary>
public sealed class KernelEventLog
{
    /// <summary>Events kept (the newest).</summary>
    public const int Capacity = 8;

    private readonly LoggedEvent[] _ring = new LoggedEvent[Capacity];
    private int _next;
    private long _tick;

    /// <summary>Events kept so far (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Every event ever logged (the ring keeps the newest <see cref="Capacity"/>).</summary>
    public long Total { get; private set; }

    /// <summary>The <paramref name="age"/>-th newest event (0 = newest); <paramref name="age"/> &lt; <see cref="Count"/>.</summary>
    public LoggedEvent Newest(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(age, Count);
        return _ring[(_next - 1 - age + (2 * Capacity)) % Capacity];
    }

    /// <summary>Reads one tick's events from <paramref name="world"/> (call before its <c>EndTick()</c>).</summary>
    public void Collect(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _tick++;
        // Newest last: exits and forks (start of a tick), the switch, then evictions made while handling the faults.
        foreach (ref readonly var exited in world.Events<ProcessExited>().Read())
        {
            Add(new LoggedEvent(_tick, LoggedEventKind.Exit, exited.Pid, exited.Signal, 0, default, default, 0, (ulong)exited.ExitCode, false));
        }
        foreach (ref readonly var forked in world.Events<ProcessForked>().Read())
        {
            Add(new LoggedEvent(_tick, LoggedEventKind.Fork, forked.Pid, forked.ParentPid, 0, default, default, 0, 0, false));
        }

        foreach (ref readonly var switched in world.Events<ContextSwitched>().Read())
        {
            Add(new LoggedEvent(_tick, LoggedEventKind.Switch, switched.ToPid, switched.FromPid, 0, default, default, 0, 0, switched.TlbFlushed));
        }

        foreach (ref readonly var evicted in world.Events<PageEvicted>().Read())
        {
            Add(new LoggedEvent(_tick, LoggedEventKind.Eviction, 0, 0, evicted.Va, default, default, evicted.Frame, evicted.SwapSlot, false));
        }

        // A resolved fault follows the raised fault of the same process and address: that one says which access it was.
        var raised = world.Events<PageFaultRaised>().Read();
        var index = 0;
        foreach (ref readonly var resolved in world.Events<PageFaultResolved>().Read())
        {
            var access = AccessKind.Read;
            for (var i = index; i < raised.Length; i++)
            {
                if (raised[i].Pid == resolved.Pid && raised[i].Va == resolved.Va)
                {
                    access = raised[i].Access;
                    index = i + 1;
                    break;
                }
            }

            Add(new LoggedEvent(_tick, LoggedEventKind.Fault, resolved.Pid, 0, resolved.Va, access, resolved.Outcome, resolved.Frame, 0, false));
        }

    }

    private void Add(in LoggedEvent e)
    {
        _ring[_next] = e;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Capacity, Count + 1);
        Total++;
    }
}
