using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Levels.Model;

namespace VmQuest.Play.Policy;

/// <summary>
/// Boots the kernel a policy level's reference string runs on, as the victim mechanic sizes it: one process with
/// the trace's pages mapped at <see cref="TraceLoader.ReferenceStringBase"/>, physical memory just large enough
/// for the user-frame budget, every page table the mapping can need and room to spare, so that only the frame
/// limit decides when a victim is needed.
/// </summary>
public static class PolicyKernel
{
    /// <summary>The booted kernel and the pid the trace runs in (switched to).</summary>
    /// <param name="level">The level (machine, kernel options).</param>
    /// <param name="references">The references to be made.</param>
    /// <param name="frames">Most frames user pages may hold at once.</param>
    /// <param name="policy">The kernel's own replacement policy (used when <paramref name="decisions"/> leaves the victim to it).</param>
    /// <param name="decisions">Who decides.</param>
    /// <param name="seed">The kernel's seed.</param>
    /// <exception cref="FormatParseException">The trace's pages do not fit the level's machine (one line).</exception>
    public static (KernelCore Kernel, int Pid) Boot(Level level, IReadOnlyList<(ulong Page, bool IsWrite)> references, int frames,
        string policy, IKernelDecisions decisions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(references);
        var machine = LevelMachine.Of(level);
        var highest = references.Max(r => r.Page);
        var distinct = references.Select(r => r.Page).Distinct().LongCount();
        var data = Math.Min(frames, distinct);
        var total = (ulong)(data + LevelMachine.TableBudget(machine, highest, distinct) + (2 * machine.Levels.Count) + 64);
        if (total < machine.FrameCount)
        {
            machine = machine.WithPhysicalMemory(total << machine.PageShift);
        }

        var kernel = new KernelCore(machine, LevelMachine.KernelOptionsOf(level, seed, decisions) with
        {
            ReplacementPolicy = policy,
            DataFrameLimit = frames,
            // Every page of the reference string can be swapped out at once.
            SwapSlots = Math.Max(level.Kernel.SwapSlots, checked((int)distinct + 16)),
        });
        var pid = kernel.CreateProcess(level.Id);
        var length = (highest + 1) << machine.PageShift;
        var mapped = kernel.Mmap(pid, TraceLoader.ReferenceStringBase, length, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Private | MapFlags.NoReserve);
        if (!mapped.Succeeded)
        {
            throw new FormatParseException(level.SourcePath, $"the trace's {highest + 1} pages do not fit the level's machine ({mapped.Error})");
        }

        kernel.SwitchTo(pid);
        return (kernel, pid);
    }
}
