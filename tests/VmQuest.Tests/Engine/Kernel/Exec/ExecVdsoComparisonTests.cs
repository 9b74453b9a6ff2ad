using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Kernel.Exec;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Tests.Engine.Kernel.Exec;

/// <summary>
/// Issue 11 item 6: execve maps <c>[vvar]</c>, <c>[vvar_vclock]</c> and <c>[vdso]</c> where Linux 6.18 x86-64 does
/// (without randomisation: <c>setarch -R</c>), the maps end with <c>[vsyscall]</c>, and files are named by their
/// resolved path. Written for Linux 6.18 x86-64, THP madvise, overcommit 0.
/// </summary>
public class ExecVdsoComparisonTests
{
    // Prints its own maps as soon as it runs (only the C library's start-up has run: it adds [heap] and the
    // RELRO split, which these tests do not compare).
    private const string PrintMaps = """
        #include <stdio.h>
        int main(void) {
          FILE *f = fopen("/proc/self/maps", "r");
          char line[4096];
          while (fgets(line, sizeof line, f)) fputs(line, stdout);
          return 0;
        }
        """;

    private static readonly string[] Special = ["[vvar]", "[vvar_vclock]", "[vdso]", "[stack]", "[vsyscall]"];

    private static List<MapsEntry> Simulated(string program)
    {
        var mm = new MemoryDescriptor(LinuxX64Layout.PageSize, LinuxX64Layout.TaskSize, NullMappingObserver.Instance);
        ExecLoader.Apply(ExecImage.Load(program), mm, [program], []);
        return [.. MapsView.Entries(mm.Vmas), MapsView.GateArea];
    }

    private static List<MapsEntry> Live(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((line, i) => MapsReader.ParseLine(line, "live maps", i + 1))];

    private static IEnumerable<string> Lines(IEnumerable<MapsEntry> entries, Func<MapsEntry, bool> which) =>
        entries.Where(which).Select(e => $"{e.Start:x}-{e.End:x} {e.PermissionString} {e.Path}");

    [RealKernelTheory]
    [InlineData("-static", "-no-pie")]
    [InlineData("-static-pie")]
    [InlineData("-pie")]
    public void Linux_ExecLayout_SpecialMappingsAtTheSameAddressesAsSetarchR(params string[] flags)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vmquest-vdso-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var program = RealKernel.Compile(PrintMaps, directory, flags);
            var live = Live(RealKernel.Run("setarch", "-R", program));
            var ours = Simulated(program);

            Assert.Equal(Lines(live, e => Special.Contains(e.Path)), Lines(ours, e => Special.Contains(e.Path)));

            // Every file ours maps is named as Linux names it: the program and (when dynamic) ld.so, resolved.
            var theirFiles = live.Where(e => e.Path.StartsWith('/')).Select(e => e.Path).ToHashSet();
            Assert.All(ours.Where(e => e.Path.StartsWith('/')), e => Assert.Contains(e.Path, theirFiles));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [RealKernelFact]
    public void Linux_MapsPathColumn_IsTheResolvedPathOfAProgramRunThroughASymlink()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vmquest-vdso-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            // As /usr/bin/python3 links to python3.11: the process is started through the link.
            var program = RealKernel.Compile(PrintMaps, directory);
            var alias = Path.Combine(directory, "alias");
            File.CreateSymbolicLink(alias, "program");

            var live = Live(RealKernel.Run(alias));

            Assert.Equal(program, live[0].Path);
            Assert.Equal(program, Simulated(alias)[0].Path);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Exec_DynamicProgram_VdsoBlockRightBelowTheInterpreterAndTheGateAreaLast()
    {
        var ours = Simulated("/bin/ls");

        var vvar = ours.Single(e => e.Path == "[vvar]");
        var vclock = ours.Single(e => e.Path == "[vvar_vclock]");
        var vdso = ours.Single(e => e.Path == "[vdso]");
        var ld = ours.First(e => e.Path.EndsWith("ld-linux-x86-64.so.2", StringComparison.Ordinal));
        Assert.Equal((4 * 4096UL, 2 * 4096UL, 2 * 4096UL), (vvar.Length, vclock.Length, vdso.Length));
        Assert.Equal((vvar.End, vclock.End, vdso.End), (vclock.Start, vdso.Start, ld.Start));
        Assert.Equal(("r--p", "r--p", "r-xp"), (vvar.PermissionString, vclock.PermissionString, vdso.PermissionString));
        Assert.Equal("ffffffffff600000-ffffffffff601000 --xp [vsyscall]", Lines(ours, e => e.Path == "[vsyscall]").Single());
    }

    [Fact]
    public void ResolvedPath_RelativeAndAbsoluteLinks_FollowedComponentByComponent()
    {
        var root = Path.Combine(Path.GetTempPath(), "vmquest-links-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "real", "bin"));
        try
        {
            File.WriteAllText(Path.Combine(root, "real", "bin", "tool-1.2"), "");
            File.CreateSymbolicLink(Path.Combine(root, "real", "bin", "tool"), "tool-1.2");
            Directory.CreateSymbolicLink(Path.Combine(root, "bin"), "real/bin");
            File.CreateSymbolicLink(Path.Combine(root, "abs"), Path.Combine(root, "bin", "tool"));
            File.CreateSymbolicLink(Path.Combine(root, "loop"), Path.Combine(root, "loop"));

            var expected = Path.Combine(root, "real", "bin", "tool-1.2");
            Assert.Equal(expected, ResolvedPath.Of(Path.Combine(root, "bin", "tool")));
            Assert.Equal(expected, ResolvedPath.Of(Path.Combine(root, "abs")));
            Assert.Equal(expected, ResolvedPath.Of(Path.Combine(root, "bin", "..", "bin", "./tool")));
            Assert.Equal(Path.Combine(root, "loop"), ResolvedPath.Of(Path.Combine(root, "loop")));
            Assert.Equal("held-in-memory.elf", ResolvedPath.Of("held-in-memory.elf"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
