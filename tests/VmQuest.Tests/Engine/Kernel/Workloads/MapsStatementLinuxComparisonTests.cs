using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Kernel.Workloads;
using Xunit.Abstractions;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

/// <summary>
/// The <c>maps</c> statement against <c>cat /proc/self/maps</c> in a C program doing the same mmap, mprotect, munmap
/// and brk calls on the real kernel (written for Linux 6.18 x86-64, THP madvise, overcommit 0; skipped elsewhere).
/// Addresses differ under ASLR, so both sides print shapes: each VMA clipped to the region the calls work on, as offsets from
/// its start, with permissions and name. The real kernel's transcript is the expected text.
/// </summary>
public sealed class MapsStatementLinuxComparisonTests(ITestOutputHelper output)
{
    private const string Program = """
        mmap buf 16K
        maps
        mprotect buf + 4K 4K read
        maps
        mprotect buf + 4K 4K read write
        maps
        mprotect buf 8K read
        munmap buf + 12K 4K
        maps
        brk +8K
        maps
        brk +8K
        maps
        brk -12K
        maps
        """;

    private const string CSource = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <sys/mman.h>
        #include <sys/syscall.h>
        #include <unistd.h>
        static void shape(unsigned long low, unsigned long high) {
          FILE *f = fopen("/proc/self/maps", "r"); char line[512];
          printf("==\n");
          while (fgets(line, sizeof line, f)) {
            unsigned long start, end; char perms[5]; int name = 0;
            sscanf(line, "%lx-%lx %4s %*s %*s %*s %n", &start, &end, perms, &name);
            if (end <= low || start >= high) continue;
            char *path = line + name; path[strcspn(path, "\n")] = 0;
            printf("+%#lx-+%#lx %s %s\n", (start > low ? start : low) - low, (end < high ? end : high) - low, perms, path);
          }
          fclose(f);
        }
        int main(void) {
          const unsigned long k = 1024;
          char *buf = mmap(0, 16 * k, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
          unsigned long b = (unsigned long)buf;
          shape(b, b + 16 * k);
          mprotect(buf + 4 * k, 4 * k, PROT_READ); shape(b, b + 16 * k);
          mprotect(buf + 4 * k, 4 * k, PROT_READ | PROT_WRITE); shape(b, b + 16 * k);
          mprotect(buf, 8 * k, PROT_READ); munmap(buf + 12 * k, 4 * k); shape(b, b + 16 * k);
          unsigned long top = (syscall(SYS_brk, 0) + 4095) & ~4095UL;
          syscall(SYS_brk, top);
          syscall(SYS_brk, top + 8 * k); shape(top, top + 16 * k);
          syscall(SYS_brk, top + 16 * k); shape(top, top + 16 * k);
          syscall(SYS_brk, top + 4 * k); shape(top, top + 16 * k);
          return 0;
        }
        """;

    private const string Transcript = """
        ==
        +0-+0x4000 rw-p 
        ==
        +0-+0x1000 rw-p 
        +0x1000-+0x2000 r--p 
        +0x2000-+0x4000 rw-p 
        ==
        +0-+0x4000 rw-p 
        ==
        +0-+0x2000 r--p 
        +0x2000-+0x3000 rw-p 
        ==
        +0-+0x2000 rw-p [heap]
        ==
        +0-+0x4000 rw-p [heap]
        ==
        +0-+0x1000 rw-p [heap]

        """;

    [Fact]
    public void Maps_SplitsAndMerges_LinuxShowsTheseShapes()
    {
        if (RealKernel.WhyNot() is { } reason)
        {
            output.WriteLine("skipped: " + reason);
            return;
        }

        Assert.Equal(Transcript, RealKernel.CompileAndRun("#include <string.h>\n" + CSource));
    }

    [Fact]
    public void Maps_SplitsAndMerges_ShowsTheShapesLinuxShows()
    {
        var kernel = KernelFixtures.NewKernel(32UL << 20);
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(WorkloadParser.Parse(Program, "/tmp/maps.vmw"));
        var transcript = new StringBuilder();
        ulong low = 0, heapTop = 0;
        while (runner.Step() is { } step)
        {
            if (step.Action is MmapAction)
            {
                low = Address(step.Note!);
            }

            if (step.Action is BrkAction or SbrkAction && heapTop == 0)
            {
                heapTop = Address(step.Note!) - 0x2000;
                low = heapTop;
            }

            if (step.Maps is { } text)
            {
                transcript.Append(Shape(text, low, low + 0x4000));
            }
        }

        Assert.Equal(Transcript, transcript.ToString());
    }

    [Fact]
    public void Maps_Statement_PrintsTheProcessMapsInTheKernelsFormat()
    {
        var kernel = KernelFixtures.NewKernel(32UL << 20);
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(WorkloadParser.Parse("maps\n", "/tmp/maps.vmw"));
        var step = runner.Step()!.Value;

        Assert.IsType<MapsAction>(step.Action);
        Assert.Equal(MapsWriter.Format(MapsReader.Parse(step.Maps!, "maps")), step.Maps);
        Assert.Contains("[stack]\n", step.Maps, StringComparison.Ordinal);
        Assert.StartsWith("00400000-00402000 r-xp 00000000 00:00 0", step.Maps, StringComparison.Ordinal);
    }

    private static ulong Address(string note) =>
        ulong.Parse(note[(note.LastIndexOf("0x", StringComparison.Ordinal) + 2)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Shape(string maps, ulong low, ulong high)
    {
        var shape = new StringBuilder("==\n");
        foreach (var e in MapsReader.Parse(maps, "maps"))
        {
            if (e.End <= low || e.Start >= high)
            {
                continue;
            }

            var (from, to) = (Math.Max(e.Start, low) - low, Math.Min(e.End, high) - low);
            shape.Append(CultureInfo.InvariantCulture, $"+{Hex(from)}-+{Hex(to)} {e.PermissionString} {e.Path}\n");
        }

        return shape.ToString();
    }

    // C's %#lx: 0 without a prefix.
    private static string Hex(ulong value) => value == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"0x{value:x}");
}
