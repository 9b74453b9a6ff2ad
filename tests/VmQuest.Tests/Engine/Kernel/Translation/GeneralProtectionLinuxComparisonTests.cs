using System.Globalization;
using System.Text;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using Xunit.Abstractions;

namespace VmQuest.Tests.Engine.Kernel.Translation;

/// <summary>
/// The signal a bad access gets, on the real kernel (written for Linux 6.18 x86-64, THP madvise, overcommit 0;
/// skipped elsewhere) and in VmQuest: a non-canonical address raises #GP — SIGSEGV with <c>si_code</c> SI_KERNEL (128) and
/// <c>si_addr</c> 0 — while a canonical one, even in the kernel half, is a page fault (SEGV_MAPERR, or SEGV_ACCERR
/// where the mapping forbids the access) reporting the address. The real kernel's transcript is the expected text.
/// </summary>
public sealed class GeneralProtectionLinuxComparisonTests(ITestOutputHelper output)
{
    private const ulong Base = 0x2000_0000_0000;

    private static readonly (ulong Address, AccessKind Access)[] Probes =
    [
        (0x0000_8000_0000_0000, AccessKind.Read),
        (0x0000_8000_0000_0000, AccessKind.Write),
        (0x1234_5678_90ab_cdef, AccessKind.Write),
        (0xffff_7fff_ffff_f000, AccessKind.Read),
        (0xffff_8000_0000_0000, AccessKind.Read),
        (0xffff_ffff_ffff_f000, AccessKind.Read),
        (0x0000_7fff_ffff_f000, AccessKind.Read),
        (0x10, AccessKind.Read),
        (Base, AccessKind.Write), // a read-only page
        (Base + 0x1000, AccessKind.Read), // a PROT_NONE page
    ];

    private const string Transcript = """
        0x800000000000 read: si_code=128 si_addr=0
        0x800000000000 write: si_code=128 si_addr=0
        0x1234567890abcdef write: si_code=128 si_addr=0
        0xffff7ffffffff000 read: si_code=128 si_addr=0
        0xffff800000000000 read: si_code=1 si_addr=0xffff800000000000
        0xfffffffffffff000 read: si_code=1 si_addr=0xfffffffffffff000
        0x7ffffffff000 read: si_code=1 si_addr=0x7ffffffff000
        0x10 read: si_code=1 si_addr=0x10
        0x200000000000 write: si_code=2 si_addr=0x200000000000
        0x200000001000 read: si_code=2 si_addr=0x200000001000

        """;

    [Fact]
    public void Access_NonCanonicalAddress_LinuxSendsSigsegvWithSiKernelAndAddressZero()
    {
        if (RealKernel.WhyNot() is { } reason)
        {
            output.WriteLine("skipped: " + reason);
            return;
        }

        Assert.Equal(Transcript, RealKernel.CompileAndRun(CSource()));
    }

    [Fact]
    public void Access_NonCanonicalAddress_SigsegvWithSiKernelAndAddressZero()
    {
        var transcript = new StringBuilder();
        foreach (var (address, access) in Probes)
        {
            var kernel = KernelFixtures.NewKernel();
            var pid = kernel.CreateProcess("probe");
            kernel.Mmap(pid, Base, 0x1000, VmaPermissions.Read, MapFlags.FixedNoReplace);
            kernel.Mmap(pid, Base + 0x1000, 0x1000, VmaPermissions.None, MapFlags.FixedNoReplace);
            kernel.SwitchTo(pid);
            var result = kernel.Access(pid, address, access, access == AccessKind.Write ? 1UL : null, 1);
            Assert.Equal(AccessStatus.Killed, result.Status);
            // The siginfo the process keeps, as its handler would have seen it.
            var info = kernel.Info(pid);
            Assert.Equal(result.Fault!.Value.SignalCode(), info.SignalCode);
            transcript.Append(CultureInfo.InvariantCulture, $"0x{address:x} {Word(access)}: si_code={info.SignalCode} si_addr=")
                .Append(info.SignalAddress is var at && at == 0 ? "0" : $"0x{at:x}").Append('\n');
        }

        Assert.Equal(Transcript, transcript.ToString());
    }

    [Fact]
    public void Access_NonCanonicalAddress_IsNoPageFaultAndKillsWithSigsegv()
    {
        var kernel = KernelFixtures.NewKernel();
        var pid = KernelFixtures.NewProcessWithMapping(kernel);
        var result = kernel.Access(pid, 0x0000_8000_0000_0000, AccessKind.Read);

        Assert.Equal(FaultOutcome.SegvGeneralProtection, result.Fault);
        Assert.Equal(0, kernel.Counters.Faults);
        Assert.Equal(0, kernel.World.Events<PageFaultRaised>().Count + kernel.World.Events<PageFaultResolved>().Count);
        Assert.Equal(KernelCore.SigSegv, kernel.Info(pid).KilledBy);
    }

    private static string Word(AccessKind access) => access == AccessKind.Write ? "write" : "read";

    private static string CSource()
    {
        var c = new StringBuilder("""
            #define _GNU_SOURCE
            #include <setjmp.h>
            #include <signal.h>
            #include <stdio.h>
            #include <sys/mman.h>
            static sigjmp_buf jump;
            static volatile int code;
            static void *volatile address;
            static void on_segv(int signal, siginfo_t *info, void *context) { code = info->si_code; address = info->si_addr; siglongjmp(jump, 1); }
            static void probe(unsigned long at, int write) {
              if (!sigsetjmp(jump, 1)) { if (write) *(volatile char *)at = 1; else (void)*(volatile char *)at; printf("no signal\n"); return; }
              printf("%#lx %s: si_code=%d si_addr=", at, write ? "write" : "read", code);
              if (address) printf("%p\n", address); else printf("0\n");
            }
            int main(void) {
              struct sigaction action = { 0 };
              action.sa_sigaction = on_segv;
              action.sa_flags = SA_SIGINFO;
              sigaction(SIGSEGV, &action, 0);

            """);
        c.Append(CultureInfo.InvariantCulture, $"  mmap((void *)0x{Base:x}UL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);\n");
        c.Append(CultureInfo.InvariantCulture, $"  mmap((void *)0x{Base + 0x1000:x}UL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);\n");
        foreach (var (address, access) in Probes)
        {
            c.Append(CultureInfo.InvariantCulture, $"  probe(0x{address:x}UL, {(access == AccessKind.Write ? 1 : 0)});\n");
        }

        return c.Append("  return 0;\n}\n").ToString();
    }
}
