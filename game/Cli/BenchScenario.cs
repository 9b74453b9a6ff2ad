using System.Diagnostics;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Cli;

/// <summary>What one bench scenario measured.</summary>
/// <param name="Scenario">fork, faults or cow.</param>
/// <param name="Operations">Operations timed (forks, faults, COW breaks).</param>
/// <param name="Seconds">Wall-clock time of the timed operations alone.</param>
/// <param name="ResidentPages">Pages resident when the measurement ended.</param>
/// <param name="SetupSeconds">Time of the untimed setup (touching the memory), for context.</param>
/// <param name="ManagedBytes">Managed heap after a full collection, with the kernel still alive.</param>
/// <param name="WorkingSetBytes">The process's working set at the same moment.</param>
internal sealed record BenchResult(string Scenario, long Operations, double Seconds, long ResidentPages, double SetupSeconds, long ManagedBytes, long WorkingSetBytes)
{
    public double OpsPerSecond => Seconds > 0 ? Operations / Seconds : 0;
}

/// <summary>
/// The kernel benchmarks behind <c>vmquest bench</c>, whole operations a user can compare with their own
/// kernel: <c>fork</c> of a process with touched anonymous memory, demand-zero <c>faults</c>, and <c>cow</c>
/// breaks in a forked child. Setup (booting, mapping, touching) is excluded; only the operation is timed.
/// Every access goes through <see cref="KernelCore.Access"/>, the path the game uses.
/// </summary>
internal static class BenchScenario
{
    public const ulong Base = 0x1000_0000;
    private const int TickEvery = 4096;
    private const int WarmUpRuns = 40, WarmUpRounds = 6, WarmUpPages = 1024;

    /// <summary>
    /// Runs <paramref name="scenario"/> on <paramref name="pages"/> pages after a warm-up: the same scenario on a
    /// small process, often enough (with pauses) that the runtime's tiered JIT has replaced the first, unoptimised
    /// code with optimised code — otherwise a one-shot fork would time the JIT, not the kernel.
    /// </summary>
    public static BenchResult Run(string scenario, long pages, bool warmUp = true)
    {
        Func<long, BenchResult> run = scenario switch
        {
            "fork" => Fork,
            "cow" => Cow,
            "faults" => Faults,
            _ => throw new UserInputException($"unknown scenario '{scenario}'; expected fork, faults or cow"),
        };
        for (var round = 0; warmUp && round < WarmUpRounds; round++)
        {
            for (var i = 0; i < WarmUpRuns; i++)
            {
                run(-WarmUpPages);
            }

            Thread.Sleep(150);
        }

        return run(pages);
    }

    // A negative page count is a warm-up run: same work, no statistics.
    private static BenchResult Fork(long pages)
    {
        var (kernel, pid, setup) = Populated(Math.Abs(pages), copies: 1);
        var watch = Stopwatch.StartNew();
        kernel.Fork(pid);
        watch.Stop();
        return Finish("fork", Math.Sign(pages), watch, kernel, setup);
    }

    private static BenchResult Faults(long pages)
    {
        var (kernel, pid, setup) = Populated(Math.Abs(pages), copies: 0);
        var watch = Stopwatch.StartNew();
        Touch(kernel, pid, Math.Abs(pages));
        watch.Stop();
        return Finish("faults", pages, watch, kernel, setup);
    }

    private static BenchResult Cow(long pages)
    {
        var (kernel, pid, setup) = Populated(Math.Abs(pages), copies: 1);
        var child = kernel.Fork(pid);
        kernel.SwitchTo(child);
        var watch = Stopwatch.StartNew();
        Touch(kernel, child, Math.Abs(pages));
        watch.Stop();
        if (kernel.Counters.CowCopies != Math.Abs(pages))
        {
            throw new InvalidOperationException($"expected {Math.Abs(pages)} COW copies, the kernel made {kernel.Counters.CowCopies}");
        }

        return Finish("cow", pages, watch, kernel, setup);
    }

    // A kernel with one process mapping `pages` anonymous pages; touched unless `copies` is 0 (the faults
    // scenario touches them itself). Memory holds (1 + copies) × the pages, with room for their tables.
    private static (KernelCore Kernel, int Pid, double Seconds) Populated(long pages, int copies)
    {
        var watch = Stopwatch.StartNew();
        var resident = Math.Max(copies, 1) + copies;
        var frames = (resident * pages) + (2 * ((pages / 512) + 64));
        var machine = BuiltinMachines.Load("x86-64").WithImage(null).WithPhysicalMemory((ulong)frames << 12);
        // Events off, as for every batch tool that reads only the counters (the game's schedule turns them on).
        var kernel = new KernelCore(machine, new KernelOptions { ReplacementPolicy = "fifo", PublishEvents = false });
        var pid = kernel.CreateProcess("bench");
        var mapped = kernel.Mmap(pid, Base, (ulong)pages << 12, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Private);
        if (!mapped.Succeeded)
        {
            throw new UserInputException($"cannot map {pages} pages: {mapped.Error}");
        }

        kernel.SwitchTo(pid);
        if (copies > 0)
        {
            Touch(kernel, pid, pages);
        }

        kernel.World.EndTick();
        return (kernel, pid, watch.Elapsed.TotalSeconds);
    }

    // Writes every page once, lowest first; a write with no value dirties the page without storing bytes.
    private static void Touch(KernelCore kernel, int pid, long pages)
    {
        for (long p = 0; p < pages; p++)
        {
            var result = kernel.Access(pid, Base + ((ulong)p << 12), AccessKind.Write);
            if (!result.Completed)
            {
                throw new InvalidOperationException($"the write to page {p} ended {result.Status} ({result.Fault})");
            }

            // The game ends a tick every frame; here every few thousand faults, so event queues stay small.
            if (p % TickEvery == TickEvery - 1)
            {
                kernel.World.EndTick();
            }
        }
    }

    private static BenchResult Finish(string scenario, long operations, Stopwatch watch, KernelCore kernel, double setup)
    {
        if (operations < 0)
        {
            return new BenchResult(scenario, operations, 0, 0, 0, 0, 0);
        }

        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        var result = new BenchResult(scenario, operations, watch.Elapsed.TotalSeconds, kernel.Frames.DataFrames, setup, managed, self.WorkingSet64);
        GC.KeepAlive(kernel);
        return result;
    }
}
