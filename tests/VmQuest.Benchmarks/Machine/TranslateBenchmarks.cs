using BenchmarkDotNet.Attributes;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Tlb;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Benchmarks.Machine;

/// <summary>
/// The translation hot path on x86-64: a TLB hit (target ≤ 10 ns) and a full 4-level walk with a TLB miss every
/// time (target ≤ 60 ns). Both must allocate nothing. Each invocation translates 1024 addresses.
/// </summary>
[MemoryDiagnoser]
public class TranslateBenchmarks
{
    private const int Ops = 1024;
    private readonly ulong[] _addresses = new ulong[Ops];
    private MachineState _cached = null!;
    private MachineState _uncached = null!;

    [GlobalSetup]
    public void Setup()
    {
        var x86 = BuiltinMachines.Load("x86-64").WithImage(null);
        _cached = Boot(x86);
        _uncached = Boot(x86.WithTlb(new TlbShape(0, 1, TlbReplacement.Lru, false)));
        for (int i = 0; i < Ops; i++)
        {
            // 16 pages (fit the 64-entry TLB) for the hit path; the miss path walks the same 4 levels every time.
            _addresses[i] = 0x7f0000000000 + ((ulong)(i % 16) << 12) + (ulong)(i * 8 % 4096);
        }

        foreach (ulong va in _addresses)
        {
            _cached.Mmu.Translate(va, AccessKind.Read, PrivilegeLevel.User);
        }
    }

    private static MachineState Boot(MachineDescription description)
    {
        var state = MachineState.Boot(description);
        ulong root = state.Tables.CreateRoot();
        state.Mmu.LoadCr3(root);
        for (ulong p = 0; p < 16; p++)
        {
            state.Tables.Map(root, 0x7f0000000000 + (p << 12), 0x100 + p, PteBits.Writable | PteBits.User);
        }

        return state;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public ulong TranslateTlbHit()
    {
        var mmu = _cached.Mmu;
        ulong sum = 0;
        foreach (ulong va in _addresses)
        {
            sum += mmu.Translate(va, AccessKind.Read, PrivilegeLevel.User).PhysicalAddress;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public ulong TranslateFourLevelWalkTlbMiss()
    {
        var mmu = _uncached.Mmu;
        ulong sum = 0;
        foreach (ulong va in _addresses)
        {
            sum += mmu.Translate(va, AccessKind.Read, PrivilegeLevel.User).PhysicalAddress;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public ulong PageWalkerFourLevels()
    {
        var machine = _uncached.Description;
        var memory = _uncached.Memory;
        ulong root = _uncached.Mmu.Cr3;
        ulong sum = 0;
        foreach (ulong va in _addresses)
        {
            sum += PageWalker.Walk(machine, memory, root, va, AccessKind.Read, PrivilegeLevel.User).PhysicalAddress;
        }

        return sum;
    }
}
