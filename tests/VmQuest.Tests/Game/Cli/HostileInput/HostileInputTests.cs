using VmQuest.Tests.Game.Cli;

namespace VmQuest.Tests.Game.Cli.HostileInput;

/// <summary>
/// Every command that reads a file, given every class of hostile input, run as the real executable under a
/// 384 MiB managed-heap limit and a 10 s CPU-time limit (<see cref="CeilingRunner"/>): each must answer with
/// exactly one line naming the file and exit 1 — no stack trace, no hang, no runaway memory (peak RSS is the
/// kernel's high-water mark, asserted below <see cref="PeakRssCeilingKiB"/>).
/// </summary>
public sealed class HostileInputTests(HostileFiles files) : IClassFixture<HostileFiles>
{
    /// <summary>Peak resident memory allowed for one refusal: a few hundred MB at most (a bare start is about 40 MB).</summary>
    private const long PeakRssCeilingKiB = 256 * 1024;

    /// <summary>The inputs every file-reading command gets, as named on its command line.</summary>
    private static readonly string[] Generic = ["/dev/zero", "fifo", "adir", "big", "blob.bin", "missing.file"];

    /// <summary>Each command that takes a file, with <c>{0}</c> where the file goes.</summary>
    private static readonly string[][] Commands =
    [
        ["trace", "{0}", "--format", "refs"],
        ["trace", "{0}", "--format", "lackey"],
        ["maps", "--file", "{0}"],
        ["maps", "--file", "{0}", "--json"],
        ["maps", "--exec", "{0}"],
        ["translate", "{0}", "0x1000"],
        ["ostep", "{0}"],
        ["run", "{0}"],
        ["sandbox", "--machine", "{0}"],
    ];

    public static TheoryData<string, string[], string> Cases()
    {
        var data = new TheoryData<string, string[], string>();
        foreach (var file in Generic)
        {
            foreach (var command in Commands)
            {
                data.Add(file, [.. command.Select(a => a == "{0}" ? file : a)], "");
            }
        }

        // A level file (a folder is a valid argument to validate: it is scanned, within its own limit).
        foreach (var file in Generic.Where(f => f != "adir"))
        {
            data.Add(file, ["levels", "validate", file], "");
        }

        data.Add("deep.yaml", ["levels", "validate", "deep.yaml"], "YAML nested deeper than 32 levels");
        data.Add("bomb.yaml", ["levels", "validate", "bomb.yaml"], "YAML with more than 64 aliases");
        data.Add("deep.yaml", ["translate", "deep.yaml", "0x1000"], "YAML nested deeper than 32 levels");
        data.Add("deep-map.yaml", ["translate", "deep-map.yaml", "0x1000"], "YAML nested deeper than 32 levels");
        data.Add("bomb.yaml", ["translate", "bomb.yaml", "0x1000"], "YAML with more than 64 aliases");
        data.Add("long.yaml", ["translate", "long.yaml", "0x1000"], "larger than the 1 MiB limit for a machine description");
        data.Add("tib.yaml", ["translate", "tib.yaml", "0x1000"], "expected at most 4,194,304 frames");
        data.Add("huge-access.lackey", ["trace", "huge-access.lackey", "--format", "lackey"], "a size of at most 4096 bytes");
        data.Add("long.lackey", ["trace", "long.lackey", "--format", "lackey"], "a line of at most 64 KiB");
        data.Add("long.refs", ["trace", "long.refs", "--format", "refs"], "a line of at most 4 KiB");
        data.Add("long.maps", ["maps", "--file", "long.maps"], "a line of at most 8 KiB");
        data.Add("long.maps", ["maps", "--file", "long.maps", "--json"], "a line of at most 8 KiB");
        data.Add("many.maps", ["maps", "--file", "many.maps"], "more than 65,530 mappings");
        data.Add("long.vmw", ["run", "long.vmw"], "larger than the 1 MiB limit for a workload script");
        data.Add("long-ostep.txt", ["ostep", "long-ostep.txt"], "larger than the 16 MiB limit");
        data.Add("ostep-memory.txt", ["ostep", "ostep-memory.txt"], "frames");
        data.Add("ostep-policy.txt", ["ostep", "ostep-policy.txt"], "more than 4,000 pages");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vmquest_HostileFile_OneLineNamingItExitOneWithinCeilings(string file, string[] args, string expected)
    {
        var run = CeilingRunner.Run(files.Directory, args);
        string all = run.Output + run.Error;

        Assert.True(run.Status == 1, $"exit status {run.Status} (expected 1) for vmquest {string.Join(' ', args)}: {Excerpt(all)}");
        Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // The one error style: "vmquest: FILE[:LINE[:COL]]: what was expected".
        Assert.StartsWith("vmquest: ", line, StringComparison.Ordinal);
        Assert.Contains(file + ":", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.True(run.PeakRssKiB < PeakRssCeilingKiB, $"peak RSS {run.PeakRssKiB} KiB for vmquest {string.Join(' ', args)}");
    }

    [Fact]
    public void Vmquest_WorkloadMappingAndExecutingAFifo_FailsThoseCallsAndFinishes()
    {
        File.WriteAllText(files.PathOf("fifo-user.vmw"), "mmap m 8K read file fifo\nexec fifo\nexit 3\n");
        var run = CeilingRunner.Run(files.Directory, "run", "fifo-user.vmw");

        Assert.Contains("mmap = -1, ENODEV", run.Output, StringComparison.Ordinal);
        Assert.Contains("exec failed: fifo: is a named pipe (FIFO), expected a regular file", run.Output, StringComparison.Ordinal);
        Assert.Contains("exited with status 3", run.Output, StringComparison.Ordinal);
        Assert.True(run.PeakRssKiB < PeakRssCeilingKiB, $"peak RSS {run.PeakRssKiB} KiB");
    }

    private static string Excerpt(string s) => s.Length <= 600 ? s : s[..600] + "…";
}
