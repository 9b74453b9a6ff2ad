using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using Xunit.Abstractions;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>
/// x86 has no COW bit: Linux remembers a page fork shared in the page (<c>PageAnonExclusive</c> cleared), and an
/// mprotect back to writable (<c>can_change_pte_writable</c>) makes only an exclusive page writable. Written for
/// Linux 6.18 x86-64, THP <c>madvise</c>, overcommit 0 (neither matters here: one 4 KiB page); it compiles a C
/// program with gcc, counts <c>ru_minflt</c> around the write, and skips on any other machine.
/// </summary>
public sealed class CopyOnWriteLinuxTests(ITestOutputHelper output)
{
    private const string Source = """
        #include <stdio.h>
        #include <sys/mman.h>
        #include <sys/resource.h>
        #include <sys/wait.h>
        #include <unistd.h>
        static long minflt(void) { struct rusage u; getrusage(RUSAGE_SELF, &u); return u.ru_minflt; }
        static long faults_of_write(int forked) {
            volatile char *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            p[0] = 1;
            if (forked) { pid_t c = fork(); if (c == 0) _exit(0); waitpid(c, 0, 0); }
            mprotect((void *)p, 4096, PROT_READ);
            mprotect((void *)p, 4096, PROT_READ | PROT_WRITE);
            long before = minflt();
            p[0] = 2;
            return minflt() - before;
        }
        int main(void) { long a = faults_of_write(0), b = faults_of_write(1); printf("%ld %ld\n", a, b); return 0; }
        """;

    [Fact]
    public void WriteAfterMprotectBackToWritable_ForkedOrNot_FaultsAsLinuxDoes()
    {
        if (RealKernel.WhyNot() is { } reason)
        {
            output.WriteLine("skipped: " + reason);
            return;
        }

        var linux = RunOnLinux();
        Assert.Equal((0, 1), linux); // Linux 6.18: exclusive page made writable; a forked one faults (wp_page_reuse)
        Assert.Equal(linux, (FaultsOfWrite(forked: false), FaultsOfWrite(forked: true)));
    }

    private static int FaultsOfWrite(bool forked)
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 1);
        Assert.True(kernel.Access(pid, HeapLike, AccessKind.Write, 1).Completed);
        if (forked)
        {
            var child = kernel.Fork(pid);
            kernel.Exit(child, 0);
        }

        Assert.True(kernel.Mprotect(pid, HeapLike, Page, VmaPermissions.Read).Succeeded);
        Assert.True(kernel.Mprotect(pid, HeapLike, Page, VmaPermissions.ReadWrite).Succeeded);
        return kernel.Access(pid, HeapLike, AccessKind.Write, 2).Fault is null ? 0 : 1;
    }

    private static (int Exclusive, int Forked) RunOnLinux()
    {
        var words = RealKernel.CompileAndRun(Source).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(words[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
