using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>bad_area</c> family in <c>do_user_addr_fault</c>: the faults that end in SIGSEGV, each saying why.
/// (No VMA and no stack to grow is the caller's <see cref="FaultOutcome.SegvNoMapping"/>, see <see cref="ExpandStack"/>.)
/// </summary>
internal static class BadArea
{
    /// <summary>
    /// True when <paramref name="va"/> is not canonical on a machine that sign-extends addresses (x86-64): the access
    /// raises #GP instead of a page fault (<see cref="FaultOutcome.SegvGeneralProtection"/>).
    /// </summary>
    public static bool IsNonCanonical(KernelCore kernel, ulong va) =>
        kernel.Machine.Description.AddressCheck == AddressCheck.SignExtend && !PageWalker.AddressInRange(kernel.Machine.Description, va);

    /// <summary>A user access above TASK_SIZE (Linux's <c>fault_in_kernel_space</c>): <see cref="FaultOutcome.SegvKernelAddress"/>.</summary>
    public static bool InKernelSpace(KernelCore kernel, ulong va) => va >= kernel.TaskSize;

    /// <summary>Linux's <c>access_error</c>: the SIGSEGV a VMA with <paramref name="permissions"/> gives <paramref name="access"/>, or null when it allows it.</summary>
    public static FaultOutcome? AccessError(VmaPermissions permissions, AccessKind access) => access switch
    {
        AccessKind.Write when (permissions & VmaPermissions.Write) == 0 => FaultOutcome.SegvWriteProtected,
        AccessKind.Execute when (permissions & VmaPermissions.Execute) == 0 => FaultOutcome.SegvNoExecute,
        AccessKind.Read when (permissions & VmaPermissions.Read) == 0 => FaultOutcome.SegvNoRead,
        _ => null,
    };
}
