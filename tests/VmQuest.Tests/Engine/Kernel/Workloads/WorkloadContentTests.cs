using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

/// <summary>Every sample program shipped in content/workloads parses, prints back, and runs to its exit.</summary>
public class WorkloadContentTests
{
    private static string WorkloadsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "content", "workloads");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("content/workloads not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(WorkloadsDirectory(), "*.vmw").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void ContentDirectory_HoldsSamples() => Assert.True(Files().Count >= 3);

    [Theory]
    [MemberData(nameof(Files))]
    public void ParseFile_Sample_ParsesPrintsAndRuns(string name)
    {
        var program = WorkloadParser.ParseFile(Path.Combine(WorkloadsDirectory(), name));
        Assert.NotEmpty(program.Body);
        WorkloadSymbolCheck.Check(program);
        Assert.Equal(WorkloadAstTools.Strip(program), WorkloadAstTools.Strip(WorkloadParser.Parse(WorkloadPrinter.Print(program), program.File)));

        // Run every process the sample creates (children included) until each exits.
        var pending = new Queue<WorkloadCursor>([new WorkloadCursor(program)]);
        long address = 0x1000_0000;
        int steps = 0;
        while (pending.Count > 0)
        {
            var cursor = pending.Dequeue();
            while (!cursor.IsFinished)
            {
                Assert.True(++steps < 1_000_000, "sample does not terminate");
                switch (cursor.Next(static (string _, out long v) => { v = 0x4000_0000; return true; }))
                {
                    case ForkAction:
                        pending.Enqueue(cursor.Fork());
                        break;
                    case MallocAction m:
                        cursor.Bind(m.Name, address += 0x1_0000);
                        break;
                    case MmapAction m:
                        cursor.Bind(m.Name, address += 0x10_0000);
                        break;
                }
            }
        }
    }
}
