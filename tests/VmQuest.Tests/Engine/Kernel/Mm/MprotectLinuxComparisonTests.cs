using VmQuest.Engine.Kernel.Mm;
using Xunit.Abstractions;

namespace VmQuest.Tests.Engine.Kernel.Mm;

/// <summary>
/// mprotect across a hole, and VM_ACCOUNT dropped by mprotect, on the real kernel (written for Linux 6.18 x86-64,
/// THP madvise, overcommit 0; skipped elsewhere) and in VmQuest: the same calls at the same addresses must print
/// the same results and the same <c>/proc/self/maps</c> lines. The transcripts the real kernel printed are kept as
/// the expected text, so VmQuest is checked against them on every host.
/// </summary>
public sealed class MprotectLinuxComparisonTests(ITestOutputHelper output)
{
    private const VmaPermissions R = VmaPermissions.Read;
    private const VmaPermissions RW = VmaPermissions.ReadWrite;

    // do_mprotect_pkey: the VMAs before the hole change, then ENOMEM; a hole at the start changes nothing; a range
    // running past the last VMA changes all of them and still fails.
    private static readonly MmScript HoleScript = new MmScript()
        .Mmap(0, 3, RW).Munmap(1, 1).Mprotect(0, 3, R).Maps().Munmap(0, 3)
        .Mmap(1, 2, RW).Mprotect(0, 3, R).Maps().Munmap(0, 3)
        .Mmap(0, 2, RW).Mprotect(0, 3, R).Maps().Munmap(0, 3);

    private const string HoleTranscript = """
        mmap = 0
        munmap = 0
        mprotect = -1 ENOMEM
        == maps
        200000000000-200000001000 r--p 00000000 00:00 0 
        200000002000-200000003000 rw-p 00000000 00:00 0 
        munmap = 0
        mmap = 0
        mprotect = -1 ENOMEM
        == maps
        200000001000-200000003000 rw-p 00000000 00:00 0 
        munmap = 0
        mmap = 0
        mprotect = -1 ENOMEM
        == maps
        200000000000-200000002000 r--p 00000000 00:00 0 
        munmap = 0

        """;

    // mprotect_fixup (Linux 6.18): read-only again before any anonymous page drops VM_ACCOUNT, so the pieces merge
    // back; after a write (an anon_vma) the charge stays and the pieces stay apart, even at equal permissions.
    private static readonly MmScript AccountScript = new MmScript()
        .Mmap(0, 3, R).Mprotect(1, 1, RW).Maps().Mprotect(1, 1, R).Maps()
        .Mprotect(1, 1, RW).Write(1).Mprotect(1, 1, R).Maps().Munmap(0, 3)
        .Mmap(0, 3, RW).Mprotect(1, 1, R).Maps().Mprotect(1, 1, RW).Maps()
        .Mprotect(0, 3, R).Mmap(3, 1, R).Maps().Munmap(0, 4)
        .Mmap(0, 3, RW).Write(0).Mprotect(2, 1, R).Mmap(3, 1, R).Maps().Munmap(0, 4);

    private const string AccountTranscript = """
        mmap = 0
        mprotect = 0
        == maps
        200000000000-200000001000 r--p 00000000 00:00 0 
        200000001000-200000002000 rw-p 00000000 00:00 0 
        200000002000-200000003000 r--p 00000000 00:00 0 
        mprotect = 0
        == maps
        200000000000-200000003000 r--p 00000000 00:00 0 
        mprotect = 0
        mprotect = 0
        == maps
        200000000000-200000001000 r--p 00000000 00:00 0 
        200000001000-200000002000 r--p 00000000 00:00 0 
        200000002000-200000003000 r--p 00000000 00:00 0 
        munmap = 0
        mmap = 0
        mprotect = 0
        == maps
        200000000000-200000001000 rw-p 00000000 00:00 0 
        200000001000-200000002000 r--p 00000000 00:00 0 
        200000002000-200000003000 rw-p 00000000 00:00 0 
        mprotect = 0
        == maps
        200000000000-200000003000 rw-p 00000000 00:00 0 
        mprotect = 0
        mmap = 0
        == maps
        200000000000-200000004000 r--p 00000000 00:00 0 
        munmap = 0
        mmap = 0
        mprotect = 0
        mmap = 0
        == maps
        200000000000-200000002000 rw-p 00000000 00:00 0 
        200000002000-200000003000 r--p 00000000 00:00 0 
        200000003000-200000004000 r--p 00000000 00:00 0 
        munmap = 0

        """;

    [Fact]
    public void Mprotect_RangeWithHole_LinuxChangesTheVmasBeforeTheHoleThenFailsWithEnomem() =>
        AssertLinuxPrints(HoleScript, HoleTranscript);

    [Fact]
    public void Mprotect_RangeWithHole_ChangesTheVmasBeforeTheHoleThenFailsWithEnomem() =>
        Assert.Equal(HoleTranscript, HoleScript.RunOn(KernelFixtures.NewKernel()));

    [Fact]
    public void Mprotect_ReadOnlyBeforeAnyAnonymousPage_LinuxDropsVmAccountAndMerges() =>
        AssertLinuxPrints(AccountScript, AccountTranscript);

    [Fact]
    public void Mprotect_ReadOnlyBeforeAnyAnonymousPage_DropsVmAccountAndMerges() =>
        Assert.Equal(AccountTranscript, AccountScript.RunOn(KernelFixtures.NewKernel()));

    private void AssertLinuxPrints(MmScript script, string expected)
    {
        if (RealKernel.WhyNot() is { } reason)
        {
            output.WriteLine("skipped: " + reason);
            return;
        }

        Assert.Equal(expected, RealKernel.CompileAndRun(script.ToC()));
    }
}
