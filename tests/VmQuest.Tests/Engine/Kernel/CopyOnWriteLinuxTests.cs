using System.Diagnostics;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Tests.Engine.Formats.Elf;
using Xunit.Abstractions;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>
/// x86 has no COW bit: Linux remembers a page fork shared in the page (<c>PageAnonExclusive</c> cleared), and an
/// mprotect back to writable (<c>can_change_pte_writable</c>) makes only an exclusive page writable. Written for
/// Linux 6.18 x86-64, THP <c>madvise</c>, overcommit 0 (neither matters here: one 4 KiB page); it compiles a C
/// program with gcc, counts <c>ru_minflt</c> around the write, and skips where gcc or Linux is missing.
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
        var linux = RunOnLinux();
        if (linux is null)
        {
            output.WriteLine("gcc or Linux is missing: skipped");
            return;
        }

        Assert.Equal((0, 1), linux.Value); // Linux 6.18: exclusive page made writable; a forked one faults (wp_page_reuse)
        Assert.Equal(linux.Value, (FaultsOfWrite(forked: false), FaultsOfWrite(forked: true)));
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

    private static (int Exclusive, int Forked)? RunOnLinux()
    {
        if (!OperatingSystem.IsLinux() || LiveProcess.FindOnPath("gcc") is null)
        {
            return null;
        }

        var dir = Directory.CreateTempSubdirectory("vmquest-cow-");
        try
        {
            var c = Path.Combine(dir.FullName, "cow.c");
            var exe = Path.Combine(dir.FullName, "cow");
            File.WriteAllText(c, Source);
            if (Run("gcc", "-O0", "-o", exe, c).Code != 0)
            {
                return null;
            }

            var words = Run(exe).Output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(words[0], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, text.Trim());
    }
}
