using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Kernel.Exec;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>emulate_vsyscall</c> (arch/x86/entry/vsyscall): the legacy vsyscall page at 0xffffffffff600000 is not
/// in the page tables (<c>vsyscall=xonly</c>, the default), so a call into it faults, and the fault handler, before
/// anything else, performs the call — <c>gettimeofday</c> at +0, <c>time</c> at +0x400, <c>getcpu</c> at +0x800 —
/// and returns to the caller. The fault is not counted (it never reaches <c>handle_mm_fault</c>). A read of the
/// page, or a call to any other address in it ("misaligned vsyscall"), is a SIGSEGV, as for the rest of the kernel half.
/// </summary>
internal static class EmulateVsyscall
{
    /// <summary>True when an instruction fetch at <paramref name="va"/> is a call the kernel emulates.</summary>
    public static bool Handles(KernelCore kernel, ulong va) =>
        kernel.TaskSize == LinuxX64Layout.TaskSize
        && va - VdsoLayout.VsyscallAddress is 0 or 0x400 or 0x800;
}
