namespace VmQuest.Tests.Engine.Kernel;

/// <summary>
/// A fact that compares VmQuest with the machine's own kernel through a C program compiled with gcc at test time.
/// Written for Linux 6.18 on x86-64 with transparent huge pages in <c>madvise</c> mode and overcommit 0 (the
/// heuristic); skipped, saying which of these differs, anywhere else.
/// </summary>
public sealed class RealKernelFactAttribute : FactAttribute
{
    public RealKernelFactAttribute()
    {
        Skip = RealKernel.WhyNot();
    }
}

/// <summary>A theory that compares VmQuest with the machine's own kernel; skipped as <see cref="RealKernelFactAttribute"/> is.</summary>
public sealed class RealKernelTheoryAttribute : TheoryAttribute
{
    public RealKernelTheoryAttribute()
    {
        Skip = RealKernel.WhyNot();
    }
}
