using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Workloads;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

/// <summary>Issue 11 item 6: calls into the vsyscall page are emulated; reads of it and misaligned calls are SIGSEGV.</summary>
public class EmulateVsyscallTests
{
    // Linux 6.18 x86-64 (vsyscall=xonly): time() through the page works; a read is SIGSEGV (SEGV_MAPERR, 1) and a
    // call to +0x100 SIGSEGV (SI_KERNEL, 128) — "misaligned vsyscall". Written for THP madvise, overcommit 0.
    private const string Program = """
        #include <setjmp.h>
        #include <signal.h>
        #include <stdio.h>
        #include <time.h>
        static sigjmp_buf back;
        static volatile int code;
        static void on_segv(int s, siginfo_t *i, void *c) { (void)s; (void)c; code = i->si_code; siglongjmp(back, 1); }
        int main(void) {
          struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
          sigaction(SIGSEGV, &sa, 0);
          time_t (*vtime)(time_t *) = (time_t (*)(time_t *))0xffffffffff600400UL;
          printf("call %s\n", vtime(0) > 1000000000 ? "returned" : "wrong");
          if (sigsetjmp(back, 1) == 0) { volatile char c = *(volatile char *)0xffffffffff600000UL; (void)c; printf("read completed\n"); }
          else printf("read SIGSEGV %d\n", code);
          void (*odd)(void) = (void (*)(void))0xffffffffff600100UL;
          if (sigsetjmp(back, 1) == 0) { odd(); printf("misaligned completed\n"); }
          else printf("misaligned SIGSEGV %d\n", code);
          return 0;
        }
        """;

    [RealKernelFact]
    public void Linux_VsyscallPage_CallEmulatedReadAndMisalignedCallSigsegv()
    {
        Assert.Equal("call returned\nread SIGSEGV 1\nmisaligned SIGSEGV 128\n", RealKernel.CompileAndRun(Program));
    }

    [Theory]
    [InlineData("fetch 0xffffffffff600000\nexit 3\n", 3, 0)]
    [InlineData("fetch 0xffffffffff600400\nexit 3\n", 3, 0)]
    [InlineData("fetch 0xffffffffff600800\nexit 3\n", 3, 0)]
    [InlineData("read 0xffffffffff600000\nexit 3\n", 0, KernelCore.SigSegv)]
    [InlineData("fetch 0xffffffffff600100\nexit 3\n", 0, KernelCore.SigSegv)]
    public void Access_VsyscallPage_CallsEmulatedOthersSigsegvLikeLinux(string program, int status, int signal)
    {
        var kernel = NewKernel();
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(WorkloadParser.Parse(program, "vsyscall.vmw"));

        runner.RunUntilIdle();

        Assert.Equal((status, signal), (runner.Exited[1].Status, runner.Exited[1].Signal));
        Assert.Equal(signal == 0 ? 0 : 1, kernel.Counters.Faults);
        Assert.Equal((0L, 0L), (kernel.Counters.MinorFaults, kernel.Counters.MajorFaults));
    }

    private static readonly ulong[] Addresses = [0xffffffffff600000UL, 0xffffffffff600400UL, 0xffffffffff600800UL, 0xffffffffff600100UL, 0xffffffffff601000UL, 0x400000UL];

    [Fact]
    public void Handles_OnlyTheThreeEntryPoints()
    {
        var kernel = NewKernel();

        Assert.Equal([true, true, true, false, false, false], Addresses.Select(va => EmulateVsyscall.Handles(kernel, va)));
    }
}
