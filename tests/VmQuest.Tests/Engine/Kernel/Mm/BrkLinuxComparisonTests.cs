using System.Text;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using Xunit.Abstractions;

namespace VmQuest.Tests.Engine.Kernel.Mm;

/// <summary>
/// brk's limits on the real kernel (written for Linux 6.18 x86-64, THP madvise, overcommit 0; skipped elsewhere) and
/// in VmQuest: a page kept clear below the next mapping (<c>newbrk + PAGE_SIZE &gt; vm_start_gap(next)</c>), the stack
/// guard gap below a grows-down mapping, and the overcommit heuristic refusing one request above RAM + swap.
/// The C program measures each move from a page-aligned break; the transcript it printed is the expected text.
/// </summary>
public sealed class BrkLinuxComparisonTests(ITestOutputHelper output)
{
    private const ulong Page = 0x1000;

    private const string Source = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <sys/mman.h>
        #include <sys/syscall.h>
        #include <sys/sysinfo.h>
        #include <unistd.h>
        static unsigned long top;
        static void report(const char *what, unsigned long to) {
          unsigned long got = syscall(SYS_brk, to);
          printf("%s: %s\n", what, got == to ? "moved" : got == top ? "refused" : "other");
          syscall(SYS_brk, top);
        }
        int main(void) {
          const unsigned long p = 4096;
          top = (syscall(SYS_brk, 0) + p - 1) & ~(p - 1);
          syscall(SYS_brk, top);
          void *m = mmap((void *)(top + 4 * p), p, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
          if (m == MAP_FAILED) return 2;
          report("up to the next mapping", top + 4 * p);
          report("a page clear of it", top + 3 * p);
          report("one byte into that page", top + 3 * p + 1);
          munmap(m, p);
          m = mmap((void *)(top + 300 * p), p, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_GROWSDOWN, -1, 0);
          if (m == MAP_FAILED) return 3;
          report("into the stack guard gap", top + 44 * p);
          report("a page clear of the guard gap", top + 43 * p);
          munmap(m, p);
          struct sysinfo si; sysinfo(&si);
          unsigned long pages = (si.totalram + si.totalswap) * si.mem_unit / p;
          report("by RAM + swap", top + pages * p);
          report("by RAM + swap and a page", top + (pages + 1) * p);
          report("by 64 TiB", top + (64UL << 40));
          report("below the heap start", 0x1000);
          return 0;
        }
        """;

    private const string Transcript = """
        up to the next mapping: refused
        a page clear of it: moved
        one byte into that page: refused
        into the stack guard gap: refused
        a page clear of the guard gap: moved
        by RAM + swap: moved
        by RAM + swap and a page: refused
        by 64 TiB: refused
        below the heap start: refused

        """;

    [Fact]
    public void Brk_Limits_LinuxKeepsAPageClearAndRefusesMoreThanRamPlusSwap()
    {
        if (RealKernel.WhyNot() is { } reason)
        {
            output.WriteLine("skipped: " + reason);
            return;
        }

        Assert.Equal(Transcript, RealKernel.CompileAndRun(Source));
    }

    [Fact]
    public void Brk_Limits_KeepsAPageClearAndRefusesMoreThanRamPlusSwap()
    {
        var kernel = KernelFixtures.NewKernel();
        var pid = kernel.CreateProcess("brk");
        var mm = kernel.MmOf(pid);
        const ulong top = 0x5555_5555_0000;
        (mm.StartBrk, mm.Brk) = (top - (4 * Page), top);
        var transcript = new StringBuilder();
        void Report(string what, ulong to)
        {
            var got = kernel.Brk(pid, to).Value;
            transcript.Append(what).Append(": ").Append(got == to ? "moved" : got == top ? "refused" : "other").Append('\n');
            kernel.Brk(pid, top);
        }

        Assert.True(kernel.Mmap(pid, top + (4 * Page), Page, VmaPermissions.Read, MapFlags.FixedNoReplace).Succeeded);
        Report("up to the next mapping", top + (4 * Page));
        Report("a page clear of it", top + (3 * Page));
        Report("one byte into that page", top + (3 * Page) + 1);
        kernel.Munmap(pid, top + (4 * Page), Page);
        mm.Vmas.Insert(VmArea.Create(top + (300 * Page), top + (301 * Page), VmaPermissions.ReadWrite, false, VmaKind.Stack)); // MAP_GROWSDOWN
        Report("into the stack guard gap", top + (44 * Page));
        Report("a page clear of the guard gap", top + (43 * Page));
        kernel.Munmap(pid, top + (300 * Page), Page);
        var pages = kernel.Machine.Description.FrameCount + (ulong)kernel.Swap.Capacity;
        Report("by RAM + swap", top + (pages * Page));
        Report("by RAM + swap and a page", top + ((pages + 1) * Page));
        Report("by 64 TiB", top + (64UL << 40));
        Report("below the heap start", 0x1000);

        Assert.Equal(Transcript, transcript.ToString());
    }
}
