using System.Diagnostics;
using System.Text;

namespace VmQuest.Tests.Game.Cli.HostileInput;

/// <summary>
/// One temp directory of hostile inputs shared by the hostile-input cases: a FIFO, a directory, a sparse 200 MB
/// file of zeros with no newline, random bytes, 100,000-deep YAML, a YAML alias bomb, lackey lines of 2^32-byte
/// accesses, and an overlong line in every text format. Created once, deleted with the fixture.
/// </summary>
public sealed class HostileFiles : IDisposable
{
    public HostileFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("vmquest-hostile-").FullName;
        System.IO.Directory.CreateDirectory(PathOf("adir"));
        MakeFifo("fifo");
        using (var big = new FileStream(PathOf("big"), FileMode.Create))
        {
            big.SetLength(200L * 1024 * 1024);               // sparse: reads as zeros, costs no disk
        }

        var random = new Random(8);
        var blob = new byte[64 * 1024];
        random.NextBytes(blob);
        File.WriteAllBytes(PathOf("blob.bin"), blob);

        const int Deep = 100_000;
        Write("deep.yaml", "name: x\nlevels: " + new string('[', Deep) + new string(']', Deep) + "\n");
        Write("deep-map.yaml", "name: " + Repeat("{a: ", Deep) + "x" + new string('}', Deep) + "\n");
        Write("bomb.yaml", BillionLaughs());
        Write("long.yaml", "name: " + new string('x', 2 * 1024 * 1024) + "\n");
        Write("tib.yaml", File.ReadAllText(Builtin("x86-64.yaml")).Replace("physicalMemory: 64MiB", "physicalMemory: 1TiB", StringComparison.Ordinal));
        Write("huge-access.lackey", Repeat(" L 10000000,4294967295\n", 200));
        Write("long.lackey", " L 10000000," + new string('1', 1024 * 1024) + "\n");
        Write("long.refs", "1" + new string('0', 1024 * 1024) + "\n");
        Write("long.maps", "00400000-00401000 r--p 00000000 00:00 0 /" + new string('a', 1024 * 1024) + "\n");
        Write("many.maps", ManyMappings(70_000));
        Write("long.vmw", "read " + new string('a', 2 * 1024 * 1024) + "\n");
        Write("long-ostep.txt", "ARG addresses " + Repeat("1,", 9 * 1024 * 1024) + "1\n");
        Write("ostep-memory.txt", "ARG address space size 16k\nARG phys mem size 1p\nARG page size 4k\nPage Table (from entry 0 down to the max size)\n  0x80000001\n");
        Write("ostep-policy.txt", "ARG policy OPT\nARG cachesize 3\nARG addresses " + string.Join(',', Enumerable.Range(0, 5000)) + "\n");
    }

    /// <summary>The directory holding the inputs; the children run in it, so inputs are named relatively.</summary>
    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(PathOf(name), text, new UTF8Encoding(false));

    private void MakeFifo(string name)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { PathOf(name) }, UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static string Repeat(string s, int times) => new StringBuilder(s.Length * times).Insert(0, s, times).ToString();

    // Nine levels of nine aliases each: 9^9 "lol"s if expanded.
    private static string BillionLaughs()
    {
        var sb = new StringBuilder("name: lol\na: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        char previous = 'a';
        foreach (char level in "bcdefghi")
        {
            sb.Append(level).Append(": &").Append(level).Append(" [").AppendJoin(", ", Enumerable.Repeat("*" + previous, 9)).Append("]\n");
            previous = level;
        }

        return sb.ToString();
    }

    private static string ManyMappings(int count)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            ulong start = 0x10000 + ((ulong)i * 0x2000);
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{start:x8}-{start + 0x1000:x8} r--p 00000000 00:00 0\n");
        }

        return sb.ToString();
    }

    private static string Builtin(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VmQuest.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "content", "machines", name);
    }
}
