using BenchmarkDotNet.Attributes;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Benchmarks.Kernel;

/// <summary>
/// Whole kernel operations through <see cref="KernelCore.Access"/> and <see cref="KernelCore.Fork"/>: a
/// demand-zero fault (target ≥ 1M/s, i.e. ≤ 1 µs), a copy-on-write break (≥ 1M/s), and a fork of a process
/// with 1 GiB resident (262,144 pages; ≤ 20 ms). Each iteration builds a fresh kernel in an untimed setup.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class KernelOperationBenchmarks
{
    private const ulong Base = 0x1000_0000;
    private const int FaultPages = 1 << 16;
    private const int ForkPages = 1 << 18;
    private KernelCore _kernel = null!;
    private int _pid;
    private int _child;

    // With one invocation per iteration, BenchmarkDotNet calls Fork only a dozen times: too few for the tiered
    // JIT to replace its first code. Small forks, COW breaks and faults first, with pauses for the background JIT.
    [GlobalSetup]
    public void WarmUp()
    {
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < 40; i++)
            {
                var (kernel, pid) = Process(1024, touch: true, copies: 2);
                var child = kernel.Fork(pid);
                kernel.SwitchTo(child);
                Touch(kernel, child, 1024);
            }

            Thread.Sleep(200);
        }
    }

    [IterationSetup(Target = nameof(DemandZeroFault))]
    public void SetupFaults() => (_kernel, _pid) = Process(FaultPages, touch: false, copies: 1);

    [Benchmark(OperationsPerInvoke = FaultPages)]
    public void DemandZeroFault() => Touch(_kernel, _pid, FaultPages);

    [IterationSetup(Target = nameof(CowBreak))]
    public void SetupCow()
    {
        (_kernel, _pid) = Process(FaultPages, touch: true, copies: 2);
        _child = _kernel.Fork(_pid);
        _kernel.SwitchTo(_child);
    }

    [Benchmark(OperationsPerInvoke = FaultPages)]
    public void CowBreak() => Touch(_kernel, _child, FaultPages);

    [IterationSetup(Target = nameof(Fork1GiB))]
    public void SetupFork() => (_kernel, _pid) = Process(ForkPages, touch: true, copies: 1);

    [Benchmark]
    public int Fork1GiB() => _kernel.Fork(_pid);

    private static (KernelCore, int) Process(int pages, bool touch, int copies)
    {
        var frames = ((ulong)pages * (ulong)copies) + (2UL * ((ulong)pages / 512)) + 128;
        var machine = BuiltinMachines.Load("x86-64").WithImage(null).WithPhysicalMemory(frames << 12);
        var kernel = new KernelCore(machine, new KernelOptions { ReplacementPolicy = "fifo", PublishEvents = false });
        var pid = kernel.CreateProcess("bench");
        kernel.Mmap(pid, Base, (ulong)pages << 12, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Private);
        kernel.SwitchTo(pid);
        if (touch)
        {
            Touch(kernel, pid, pages);
        }

        kernel.World.EndTick();
        return (kernel, pid);
    }

    private static void Touch(KernelCore kernel, int pid, int pages)
    {
        for (var p = 0; p < pages; p++)
        {
            kernel.Access(pid, Base + ((ulong)p << 12), AccessKind.Write);
            if ((p & 4095) == 4095)
            {
                kernel.World.EndTick();
            }
        }
    }
}
