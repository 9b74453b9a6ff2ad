using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Workloads;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

/// <summary>
/// Issue 11 item 8: faults are counted as <c>getrusage</c> counts them — a copy-on-write copy (and reuse) is a
/// minor fault, a fault that fails is not counted. Written for Linux 6.18 x86-64, THP madvise, overcommit 0.
/// </summary>
public class GetrusageComparisonTests
{
    private const int Pages = 64;

    // Each phase prints "NAME minflt-delta majflt-delta". The failed write is a protection fault caught by a
    // handler on a stack touched beforehand, so that delivering the signal takes no fault of its own; after fork
    // the stack and .bss pages are shared copy-on-write, so warm() breaks them before each measurement.
    private const string Program = """
        #include <setjmp.h>
        #include <signal.h>
        #include <stdio.h>
        #include <sys/mman.h>
        #include <sys/resource.h>
        #include <sys/wait.h>
        #include <unistd.h>
        #define N 64
        static sigjmp_buf back;
        static void on_segv(int s) { (void)s; siglongjmp(back, 1); }
        static long r[4];
        static void faults(long *minor, long *major) { struct rusage u; getrusage(RUSAGE_SELF, &u); *minor = u.ru_minflt; *major = u.ru_majflt; }
        static void warm(void) { faults(&r[0], &r[1]); faults(&r[2], &r[3]); }
        static void report(const char *name) { printf("%s %ld %ld\n", name, r[2] - r[0], r[3] - r[1]); fflush(stdout); }
        int main(void) {
          char *p = mmap(0, N * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
          char *ro = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
          static char alt[65536];
          for (unsigned i = 0; i < sizeof alt; i += 4096) alt[i] = 1;
          alt[sizeof alt - 1] = 1;
          stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt };
          sigaltstack(&ss, 0);
          struct sigaction sa = { .sa_handler = on_segv, .sa_flags = SA_ONSTACK };
          sigaction(SIGSEGV, &sa, 0);
          volatile char sink = ro[0];
          (void)sink;
          (void)sigsetjmp(back, 1);
          faults(&r[0], &r[1]);
          for (int i = 0; i < N; i++) p[i * 4096] = 1;
          faults(&r[2], &r[3]);
          report("demand-zero");
          faults(&r[0], &r[1]);
          if (sigsetjmp(back, 1) == 0) ro[0] = 1;
          faults(&r[2], &r[3]);
          report("failed");
          pid_t c = fork();
          if (c == 0) {
            warm();
            faults(&r[0], &r[1]);
            for (int i = 0; i < N; i++) p[i * 4096] = 2;
            faults(&r[2], &r[3]);
            report("cow-copy");
            _exit(0);
          }
          waitpid(c, 0, 0);
          warm();
          faults(&r[0], &r[1]);
          for (int i = 0; i < N; i++) p[i * 4096] = 3;
          faults(&r[2], &r[3]);
          report("cow-reuse");
          return 0;
        }
        """;

    // The same phases as processes (VmQuest's workloads have no signal handlers, so the failed write is a child's
    // own, and it dies of it): pid 1 writes 64 fresh pages, then 64 again after its children are gone (reuse);
    // pid 2 writes the read-only page; pid 3 writes the 64 pages it shares with pid 1 (copies).
    private const string Workload = """
        mmap p 256K
        mmap ro 4K read
        for i in 0..64
          write p + i*4K = 1
        end
        fork
        if child
          write ro = 1
        end
        wait
        fork
        if child
          for i in 0..64
            write p + i*4K = 2
          end
          exit
        end
        wait
        for i in 0..64
          write p + i*4K = 3
        end
        """;

    [RealKernelFact]
    public void Linux_ForkCowWrites_MinfltCountsCopiesAndReusesAndNotTheFailedFault()
    {
        var phases = RealKernel.CompileAndRun(Program)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => (Minor: long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), Major: long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal((Pages, 0L), phases["demand-zero"]);
        Assert.Equal((0L, 0L), phases["failed"]);
        Assert.Equal((Pages, 0L), phases["cow-copy"]);
        Assert.Equal((Pages, 0L), phases["cow-reuse"]);
    }

    [Fact]
    public void VmQuest_ForkCowWrites_CountsAsGetrusageDoes()
    {
        var kernel = NewKernel(memoryBytes: 32UL << 20);
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(WorkloadParser.Parse(Workload, "cow.vmw"));

        runner.RunUntilIdle();

        Assert.Equal(KernelCore.SigSegv, runner.Exited[2].Signal);
        Assert.Equal((0L, 0L), runner.FaultsOf(2));                    // failed: neither minor nor major
        Assert.Equal(((long)Pages, 0L), runner.FaultsOf(3));           // the copies are minor
        Assert.Equal((2L * Pages, 0L), runner.FaultsOf(1));            // demand-zero, then the reuses
        var c = kernel.Counters;
        Assert.Equal((long)Pages, c.FaultsOf(FaultOutcome.DemandZero));
        Assert.Equal((long)Pages, c.FaultsOf(FaultOutcome.CowCopy));
        Assert.Equal((long)Pages, c.FaultsOf(FaultOutcome.CowReuse));
        Assert.Equal(1, c.FailedFaults);
        Assert.Equal((3L * Pages, 0L), (c.MinorFaults, c.MajorFaults));
        Assert.Equal(3 * Pages + 1, c.Faults);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Reap_ChildFaults_BecomeTheParentsChildCounts()
    {
        var kernel = NewKernel(memoryBytes: 32UL << 20);
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(WorkloadParser.Parse("mmap p 16K\nfork\nif child\n  fork\n  write p = 1\n  wait\n  exit\nend\nwait\nwrite p = 2\nread p\n", "tree.vmw"));

        while (runner.Step() is { } step && step.Action is not MemoryAccessAction { Kind: AccessKind.Read })
        {
        }

        // The child and the grandchild each took one demand-zero fault: the grandchild's reaches pid 2's cmin_flt, and both reach pid 1's.
        Assert.Equal(2, kernel.Info(1).ChildMinorFaults);
        Assert.Equal(0, kernel.Info(1).ChildMajorFaults);
    }
}
