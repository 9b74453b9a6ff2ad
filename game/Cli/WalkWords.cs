using System.Globalization;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Cli;

/// <summary>Words and number formats shared by the <c>translate</c> and <c>ostep</c> explanations and JSON.</summary>
internal static class WalkWords
{
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Hex(ulong value, int digits) =>
        "0x" + value.ToString("x" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Dec(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The JSON/result name of a fault: snake_case, "ok" for success.</summary>
    public static string ResultName(FaultKind fault) => fault switch
    {
        FaultKind.None => "ok",
        FaultKind.NotPresent => "not_present",
        FaultKind.WriteProtect => "write_protect",
        FaultKind.UserSupervisor => "user_supervisor",
        FaultKind.NoExecute => "no_execute",
        FaultKind.ReadProtect => "read_protect",
        FaultKind.NonCanonical => "non_canonical",
        FaultKind.OutOfRange => "out_of_range",
        FaultKind.BadFrame => "bad_frame",
        _ => "reserved",
    };

    /// <summary>Why a translation failed, in one sentence.</summary>
    public static string Reason(FaultKind fault, MachineDescription machine, int level)
    {
        string where = level >= 0 && level < machine.Levels.Count ? machine.Levels[level].Name : "root";
        return fault switch
        {
            FaultKind.NotPresent => $"the {where} entry is not present (valid bit clear)",
            FaultKind.WriteProtect => "write to a read-only page (writable bit clear at some level)",
            FaultKind.UserSupervisor => "user-mode access to a kernel page (user bit clear at some level)",
            FaultKind.NoExecute => "instruction fetch from a no-execute page",
            FaultKind.ReadProtect => "read from a page without read permission",
            FaultKind.NonCanonical => $"not canonical: bits 63..{machine.VaBits - 1} must all equal bit {machine.VaBits - 1} (a general-protection fault, not a page fault)",
            FaultKind.OutOfRange => $"outside the {machine.VaBits}-bit virtual address space",
            FaultKind.BadFrame => $"the {where} entry points beyond physical memory",
            _ => $"the {where} entry uses a reserved encoding",
        };
    }

    /// <summary>Names of the error-code bits, x86 style.</summary>
    public static string ErrorCodeWords(PageFaultErrorCode code) =>
        string.Join(", ", new[]
        {
            (code & PageFaultErrorCode.Present) != 0 ? "protection" : "not-present",
            (code & PageFaultErrorCode.Write) != 0 ? "write" : (code & PageFaultErrorCode.InstructionFetch) != 0 ? "fetch" : "read",
            (code & PageFaultErrorCode.User) != 0 ? "user" : "kernel",
        }.Concat((code & PageFaultErrorCode.ReservedBit) != 0 ? ["reserved-bit"] : Array.Empty<string>()));

    /// <summary>
    /// The named bits set in <paramref name="entry"/>, e.g. "present writable user accessed"; in an x86 4 KiB PTE
    /// (<paramref name="lastLevel"/>) bit 7 is "pat", not "huge".
    /// </summary>
    public static IEnumerable<string> SetBits(PteLayout pte, ulong entry, bool lastLevel) => pte.SetBitNames(entry, lastLevel);
}
