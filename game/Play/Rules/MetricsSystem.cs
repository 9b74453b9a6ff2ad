using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;

namespace VmQuest.Play.Rules;

/// <summary>
/// Present phase: folds the tick's kernel events into the session's <see cref="SessionCounters"/> — faults (a
/// tick that faulted counts once however often the kernel retried it while the player chose), context switches, evictions, kills — and samples the peak of resident user frames.
/// </summary>
internal sealed class MetricsSystem(LevelSession session) : ISystem
{
    public void Run(World world)
    {
        var counters = session.Counters;
        if (world.Events<PageFaultRaised>().Count > 0)
        {
            counters.FaultedThisTick = true;
        }

        counters.ContextSwitches += world.Events<ContextSwitched>().Count;
        counters.Evictions += world.Events<PageEvicted>().Count;
        foreach (ref readonly var exited in world.Events<ProcessExited>().Read())
        {
            if (exited.Signal != 0)
            {
                counters.Killed++;
            }
        }

        if (session.CompletedThisTick)
        {
            if (counters.FaultedThisTick)
            {
                counters.Faults++;
            }

            counters.FaultedThisTick = false;
        }

        counters.PeakFrames = Math.Max(counters.PeakFrames, session.Kernel.Frames.DataFrames);
    }
}
