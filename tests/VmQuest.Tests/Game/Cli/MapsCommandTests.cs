using System.Diagnostics;
using System.Text.Json;
using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Kernel.Exec;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Tests.Game.Cli;

public class MapsCommandTests
{
    [Theory]
    [InlineData("/bin/sleep")]
    [InlineData("/bin/ls")]
    public void ExecLayout_RealElf_MatchesWhatLinuxMapsForALiveProcess(string program)
    {
        // The simulated execve, plus the one thing ld.so does before a process can be inspected: making each
        // object's PT_GNU_RELRO pages read-only (an mprotect that splits the data VMA).
        var image = ExecImage.Load(program);
        var mm = new MemoryDescriptor(LinuxX64Layout.PageSize, LinuxX64Layout.TaskSize, NullMappingObserver.Instance);
        ExecLoader.Apply(image, mm, [program], []);
        foreach (var plan in new[] { image.Program, image.Interpreter! })
        {
            var (start, end) = plan.RelroPages;
            if (end > start)
            {
                Assert.True(mm.Mprotect(start, end - start, VmaPermissions.Read).Succeeded);
            }
        }

        var simulated = MapsView.Entries(mm.Vmas);
        // sleep waits by itself; ls -R / blocks once the pipe to its unread standard output is full.
        var live = LiveMaps(program == "/bin/sleep" ? ["30"] : ["-R", "/"], program);

        AssertSameRelativeLayout(simulated, live, Path.GetFileName(program));
        AssertSameRelativeLayout(simulated, live, "ld-linux-x86-64.so.2");
    }

    [Fact]
    public void Run_ExecJson_ListsEveryVmaWithKind()
    {
        var (status, output, _) = CliRunner.Run("maps", "--exec", "/bin/sleep", "--json");

        Assert.Equal(0, status);
        using var document = JsonDocument.Parse(output);
        var vmas = document.RootElement.GetProperty("vmas").EnumerateArray().ToList();
        Assert.Equal("text", vmas[1].GetProperty("kind").GetString());
        Assert.Equal("r-xp", vmas[1].GetProperty("perms").GetString());
        Assert.Equal("0x2000", vmas[1].GetProperty("offset").GetString());
        Assert.Equal("stack", vmas[^2].GetProperty("kind").GetString());
        Assert.Equal("0x7ffffffff000", vmas[^2].GetProperty("end").GetString());
        Assert.Equal(("vsyscall", "0xffffffffff600000", "--xp"), (vmas[^1].GetProperty("kind").GetString(), vmas[^1].GetProperty("start").GetString(), vmas[^1].GetProperty("perms").GetString()));
        Assert.Equal(["vvar", "vvar", "vdso"], vmas.Select(v => v.GetProperty("kind").GetString()).Where(k => k is "vvar" or "vdso"));
        Assert.All(vmas, v => Assert.StartsWith("0x", v.GetProperty("start").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Run_PidOfThisProcess_PrintsItsOwnMaps()
    {
        var (status, output, _) = CliRunner.Run("maps", "--pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, status);
        var entries = MapsReader.Parse(output, "output");
        Assert.Contains(entries, e => e.Path == "[stack]");
    }

    [Fact]
    public void Run_FileRoundTrip_PrintsTheSameText()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, File.ReadAllText("/proc/self/maps"));
            var (status, output, _) = CliRunner.Run("maps", "--file", path);
            Assert.Equal(0, status);
            Assert.Equal(File.ReadAllText(path), output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new[] { "maps" }, "exactly one of")]
    [InlineData(new[] { "maps", "--exec", "/bin/sleep", "--file", "/proc/self/maps" }, "exactly one of")]
    [InlineData(new[] { "maps", "--exec", "/etc/passwd" }, "not an ELF file")]
    [InlineData(new[] { "maps", "--exec", "/no/such/file" }, "no such file")]
    [InlineData(new[] { "maps", "--file", "/etc/passwd" }, "/etc/passwd:1:1: expected")]
    [InlineData(new[] { "maps", "--pid", "4194304" }, "no process 4194304 (expected the id of a live process)")]
    public void Run_BadInput_OneLineErrorAndStatusOne(string[] args, string expected)
    {
        var (status, output, error) = CliRunner.Run(args);
        Assert.Equal(1, status);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999999999")]
    [InlineData("abc")]
    [InlineData("0")]
    public void Run_Issue8_PidOutOfRange_UsageErrorWithoutTypeNames(string pid)
    {
        var (status, _, error) = CliRunner.Run("maps", "--pid", pid);
        Assert.Equal(2, status);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"--pid expects a process id from 1 to 4194304, not '{pid}'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
    }

    private static void AssertSameRelativeLayout(List<MapsEntry> simulated, IReadOnlyList<MapsEntry> live, string fileName)
    {
        var ours = simulated.Where(e => Path.GetFileName(e.Path) == fileName).ToList();
        var theirs = live.Where(e => Path.GetFileName(e.Path) == fileName).ToList();
        Assert.NotEmpty(ours);
        Assert.Equal(
            theirs.Select(e => (e.Start - theirs[0].Start, e.End - theirs[0].Start, e.PermissionString, e.Offset)),
            ours.Select(e => (e.Start - ours[0].Start, e.End - ours[0].Start, e.PermissionString, e.Offset)));
    }

    // Starts the program (paused by a long-running argument or by stopping it) and reads its maps.
    private static IReadOnlyList<MapsEntry> LiveMaps(string[] arguments, string program)
    {
        using var process = new Process { StartInfo = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true } };
        process.Start();
        try
        {
            // ld.so maps libc and then applies RELRO: wait until the map has libc and stops changing.
            IReadOnlyList<MapsEntry> previous = [];
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var entries = MapsReader.ReadProcess(process.Id);
                if (entries.Any(e => e.Path.EndsWith("libc.so.6", StringComparison.Ordinal)) && entries.SequenceEqual(previous))
                {
                    return entries;
                }

                previous = entries;
                Thread.Sleep(20);
            }

            throw new InvalidOperationException($"{program} never finished loading");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.WaitForExit();
        }
    }
}
