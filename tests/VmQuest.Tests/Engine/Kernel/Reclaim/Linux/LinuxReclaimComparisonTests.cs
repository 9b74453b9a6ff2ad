using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Reclaim.Linux;

/// <summary>
/// Reclaim of a shared file mapping on the real kernel (Linux 6.18 x86-64, THP madvise, overcommit 0, MGLRU not built
/// in; no root: <c>MADV_PAGEOUT</c> reclaims the caller's own pages, from process context like direct reclaim) and the
/// same steps on the simulated kernel under the <c>linux</c> policy. A clean file page is dropped and the next touch is
/// a major fault; a dirty one is not written by reclaim from process context and stays in the page cache (mincore
/// says resident, the next touch does no I/O); once written back (<c>msync</c> on Linux) it is dropped too and reads
/// back from the file. One difference: Linux unmaps the dirty page before it finds it dirty (<c>try_to_unmap</c> comes
/// first in <c>shrink_folio_list</c>), so its next touch is a minor fault; the simulated kernel leaves it mapped.
/// </summary>
public class LinuxReclaimComparisonTests
{
    private const string Program = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <string.h>
        #include <fcntl.h>
        #include <sched.h>
        #include <unistd.h>
        #include <sys/mman.h>
        #include <sys/resource.h>
        static long majflt(void) { struct rusage r; getrusage(RUSAGE_SELF, &r); return r.ru_majflt; }
        static void resident(const char *p, const char *when) {
            unsigned char v[3]; mincore((void *)p, 3 * 4096, v);
            printf("%s %d %d %d\n", when, v[0] & 1, v[1] & 1, v[2] & 1);
        }
        int main(int argc, char **argv) {
            /* Stay on one CPU: a page just faulted waits in that CPU's LRU batch, and MADV_PAGEOUT's lru_add_drain
               drains only the CPU it runs on — moved to another, it could not isolate (so not reclaim) the page. */
            cpu_set_t one; CPU_ZERO(&one); CPU_SET(sched_getcpu(), &one); sched_setaffinity(0, sizeof one, &one);
            int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
            char buf[3 * 4096]; memset(buf, 'a', sizeof buf);
            if (write(fd, buf, sizeof buf) != sizeof buf || fsync(fd) != 0) return 1;
            posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);              /* start with nothing cached */
            char *p = mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            p[0] = 'D';                                                 /* page 0 dirty */
            volatile char x = p[4096] + p[2 * 4096]; (void)x;           /* pages 1 and 2 clean */
            resident(p, "touched");
            if (madvise(p, 3 * 4096, MADV_PAGEOUT) != 0) return 2;
            resident(p, "pageout");
            long before = majflt(); x = p[4096];
            printf("clean-reread-majflt %ld\n", majflt() - before);
            before = majflt(); x = p[0];                                /* still in the page cache */
            printf("dirty-touch-majflt %ld\n", majflt() - before);
            msync(p, 4096, MS_SYNC);                                    /* page 0 written back, clean */
            if (madvise(p, 4096, MADV_PAGEOUT) != 0) return 3;
            resident(p, "written");
            before = majflt(); x = p[0];
            printf("dirty-reread-majflt %ld %c\n", majflt() - before, p[0]);
            return 0;
        }
        """;

    [RealKernelFact]
    public void MadvPageout_SharedFileMapping_CleanDroppedDirtyKeptUntilWrittenBack()
    {
        // On the disk, not a tmpfs (whose pages are swap-backed): next to the test binaries.
        var file = Path.Combine(AppContext.BaseDirectory, "pageout-" + Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            var output = RealKernel.CompileAndRun(Program, file).ReplaceLineEndings("\n");
            var lines = output.Split('\n');

            // One assertion over every line, so that a failure shows all the kernel said.
            string[] expected = ["touched 1 1 1", "pageout 1 0 0", "clean-reread-majflt 1", "dirty-touch-majflt 0", "written 0", "dirty-reread-majflt 1 D"];
            var got = lines.Take(expected.Length).Select((line, i) => i == 4 ? string.Join(' ', line.Split(' ').Take(2)) : line);
            Assert.True(expected.SequenceEqual(got), $"Linux printed:\n{output}\nexpected (line 5: its first two words):\n{string.Join('\n', expected)}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    // The same steps: reclaim (direct, as MADV_PAGEOUT's) takes the two clean pages and passes over the dirty one, older
    // though it is; the clean page reads back with a major fault. Reclaimed once more, the dirty page is written back
    // (Linux's msync or flusher) and dropped, and reads back from the file.
    [Fact]
    public void EvictOne_SharedFileMapping_CleanDroppedDirtyKeptThenWrittenBack()
    {
        var kernel = NewKernel(options: new KernelOptions { ReplacementPolicy = "linux", FaultAroundBytes = Page });
        kernel.Files.Provide("data.bin", Enumerable.Repeat((byte)'a', 3 * (int)Page).ToArray());
        var pid = kernel.CreateProcess("pageout");
        kernel.SwitchTo(pid);
        const ulong at = 0x5000_0000;
        Assert.True(kernel.Mmap(pid, at, 3 * Page, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Shared, "data.bin").Succeeded);
        kernel.Access(pid, at, AccessKind.Write, 'D', width: 1);
        kernel.Access(pid, at + Page, AccessKind.Read, width: 1);
        kernel.Access(pid, at + (2 * Page), AccessKind.Read, width: 1);

        Assert.True(kernel.EvictOne());
        Assert.True(kernel.EvictOne());

        var file = kernel.Files.IdOf("data.bin");
        Assert.Equal((true, false, false), (Cached(kernel, file, 0), Cached(kernel, file, Page), Cached(kernel, file, 2 * Page)));
        Assert.Equal(0, kernel.Counters.VmStat.NrVmscanWrite);
        Assert.Equal(FaultOutcome.FileRead, kernel.Access(pid, at + Page, AccessKind.Read, width: 1).Fault);

        while (Cached(kernel, file, 0))
        {
            Assert.True(kernel.EvictOne());
        }

        Assert.Equal(1, kernel.Counters.VmStat.NrVmscanWrite);
        Assert.Equal(1, kernel.Counters.VmStat.NrVmscanImmediateReclaim);
        var back = kernel.Access(pid, at, AccessKind.Read, width: 1);
        Assert.Equal((FaultOutcome.FileRead, (ulong)'D'), (back.Fault, back.Value));
        KernelInvariants.Check(kernel);
    }

    // What mincore reports for a file mapping: whether the page cache holds the page.
    private static bool Cached(KernelCore kernel, int fileId, ulong offset) => kernel.PageCache.ContainsKey((fileId, offset));
}
