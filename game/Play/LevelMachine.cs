using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Description;
using VmQuest.Levels.Model;

namespace VmQuest.Play;

/// <summary>What every mechanic's session does to the level's machine before it boots a kernel on it.</summary>
public static class LevelMachine
{
    /// <summary>
    /// The level's machine as a session runs it: no preset memory image (the level's programs and traces fill
    /// memory), and the TLB the level's kernel options ask for (entries, ways, PCID).
    /// </summary>
    public static MachineDescription Of(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var machine = level.Machine.Description.WithImage(null);
        return machine.WithTlb(machine.Tlb with { Entries = level.Kernel.TlbEntries, Ways = level.Kernel.TlbWays, Pcid = level.Kernel.Pcid });
    }

    /// <summary>
    /// The page-table pages one mapping of reference-string pages 0..<paramref name="highest"/> (at
    /// <see cref="TraceLoader.ReferenceStringBase"/>) can need, as the trace tool bounds it, plus the root: a trace
    /// level sizes physical memory with it so that only the level's frame limit decides when a victim is needed.
    /// </summary>
    public static long TableBudget(MachineDescription machine, ulong highest, long distinct)
    {
        ArgumentNullException.ThrowIfNull(machine);
        long total = 1;
        var shift = 0;
        var first = TraceLoader.ReferenceStringBase >> machine.PageShift;
        for (var level = machine.Levels.Count - 1; level >= 1; level--)
        {
            shift += machine.Levels[level].IndexBits;
            total += Math.Min((long)(((first + highest) >> shift) - (first >> shift) + 1), distinct);
        }

        return total;
    }

    /// <summary>
    /// The kernel options of the level (replacement policy, user-frame limit, swap, time slice; the zero page unless
    /// the level replays traces) with the run's seed
    /// and who makes the kernel's decisions (Linux's defaults when <paramref name="decisions"/> is null); a session
    /// changes what its mechanic needs with <c>with</c>.
    /// </summary>
    public static KernelOptions KernelOptionsOf(Level level, ulong seed, IKernelDecisions? decisions = null)
    {
        ArgumentNullException.ThrowIfNull(level);
        return new KernelOptions
        {
            ReplacementPolicy = level.Kernel.Policy,
            DataFrameLimit = level.Frames,
            SwapSlots = level.Kernel.SwapSlots,
            TimeSlice = level.Kernel.TimeSlice,
            Seed = seed,
            Decisions = decisions ?? AutomaticDecisions.Instance,

            // A level replaying reference strings keeps the textbook model of replacement exercises, as `trace`
            // does: every referenced page occupies a frame, so Belady's anomaly keeps its answer.
            ZeroPage = level.Traces.Count == 0,
        };
    }
}
