using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using VmQuest.Engine.Formats.Lackey;

namespace VmQuest.Benchmarks.Formats;

/// <summary>
/// Lackey trace parsing throughput: one million access lines (~15 MB, the mix of a real trace: mostly
/// instruction fetches) read from memory, so the figure is the parser's, not the disk's.
/// Throughput in MB/s = <see cref="TraceBytes"/> / mean time.
/// </summary>
[MemoryDiagnoser]
public class LackeyReaderBenchmarks
{
    private const int Lines = 1_000_000;
    private byte[] _trace = [];

    /// <summary>Size of the generated trace in bytes.</summary>
    public int TraceBytes => _trace.Length;

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder(Lines * 18);
        var rng = new Random(42);
        ulong pc = 0x0401_0000, sp = 0x1f_ff00_0600;
        for (int i = 0; i < Lines; i++)
        {
            if (i % 50_000 == 0)
            {
                sb.Append("==4675== progress line\n");
            }

            int r = rng.Next(100);
            if (r < 68)
            {
                pc += (ulong)rng.Next(1, 8);
                sb.Append("I  ").Append(pc.ToString("x8", CultureInfo.InvariantCulture)).Append(',').Append(rng.Next(1, 8)).Append('\n');
            }
            else
            {
                char kind = r < 90 ? 'L' : r < 98 ? 'S' : 'M';
                ulong addr = sp - (ulong)rng.Next(0, 4096);
                sb.Append(' ').Append(kind).Append(' ').Append(addr.ToString("x8", CultureInfo.InvariantCulture)).Append(',').Append(rng.Next(1, 9)).Append('\n');
            }
        }

        _trace = Encoding.ASCII.GetBytes(sb.ToString());
        Console.WriteLine($"// trace: {_trace.Length} bytes, {Lines} accesses");
    }

    /// <summary>Parse every access (the allocation-free TryRead loop).</summary>
    [Benchmark(Baseline = true)]
    public ulong ReadAccesses()
    {
        using var reader = new LackeyTraceReader(new MemoryStream(_trace, writable: false), "bench");
        ulong sum = 0;
        while (reader.TryRead(out var a))
        {
            sum += a.Address + a.Size;
        }

        return sum;
    }

    /// <summary>Parse and expand every access to its page touches (4 KiB pages).</summary>
    [Benchmark]
    public ulong ReadAndExpandPages()
    {
        using var reader = new LackeyTraceReader(new MemoryStream(_trace, writable: false), "bench");
        ulong sum = 0;
        while (reader.TryRead(out var a))
        {
            foreach (ulong page in a.Pages(12))
            {
                sum += page;
            }
        }

        return sum;
    }
}
