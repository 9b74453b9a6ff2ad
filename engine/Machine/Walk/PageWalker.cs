using System.Runtime.CompilerServices;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Memory;

namespace VmQuest.Engine.Machine.Walk;

/// <summary>
/// The hardware page walker. Reads each level's entry from simulated physical memory starting at the root
/// (CR3), checks P, U/S, R/W and NX (x86: combined over all levels; RISC-V: at the leaf), sets A on the
/// entries it uses and D on a write, and produces a physical address or a fault with an x86 error code.
/// Allocation-free; the observer is a generic struct so an unobserved walk pays nothing for events.
/// Side effects: only the A/D bits it sets, and only on a walk that reaches a valid entry.
/// </summary>
public static class PageWalker
{
    /// <summary>Walks without reporting steps.</summary>
    public static Translation Walk(MachineDescription machine, PhysicalMemory memory, ulong root, ulong va,
        AccessKind access, PrivilegeLevel mode)
    {
        var none = default(NoWalkObserver);
        return Walk(machine, memory, root, va, access, mode, ref none);
    }

    /// <summary>Walks from <paramref name="root"/>, reporting each entry read to <paramref name="observer"/>.</summary>
    public static Translation Walk<TObserver>(MachineDescription machine, PhysicalMemory memory, ulong root,
        ulong va, AccessKind access, PrivilegeLevel mode, ref TObserver observer)
        where TObserver : struct, IWalkObserver
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(memory);
        var code = AccessCode(access, mode);
        if (!AddressInRange(machine, va))
        {
            var kind = machine.AddressCheck == AddressCheck.SignExtend ? FaultKind.NonCanonical : FaultKind.OutOfRange;
            return Translation.Failed(va, kind, code, -1);
        }

        PteLayout pte = machine.Pte;
        int width = pte.WidthBytes;
        int lastLevel = machine.Levels.Count - 1;
        bool x86Style = pte.Leaf == LeafRule.HugeBit;
        ulong presentMask = pte.PresentMask, accessedMask = pte.AccessedMask;
        ulong memoryBytes = memory.SizeBytes, frameCount = memory.FrameCount;
        int frameShift = pte.FrameShift, pageShift = machine.PageShift;
        ulong frameMask = pte.FrameFieldMask;
        ulong table = root;
        ulong allWritable = pte.WritableMask, allUser = pte.UserMask, anyNx = 0;
        for (int level = 0; ; level++)
        {
            ulong index = machine.IndexOf(va, level);
            ulong entryAddress = table + index * (ulong)width;
            if (entryAddress >= memoryBytes)
            {
                return Translation.Failed(va, FaultKind.BadFrame, code, level);
            }

            ulong entry = memory.Read(entryAddress, width);
            bool present = (entry & presentMask) != 0;
            bool leaf = level == lastLevel || (present && machine.HugeAllowed(level) && pte.IsLeafAboveLastLevel(entry));
            if (typeof(TObserver) != typeof(NoWalkObserver))
            {
                observer.OnStep(new WalkStep(level, index, table, entryAddress, entry, pte.Decode(entry, level == lastLevel),
                    pte.FrameOf(entry), leaf && present));
            }

            if (!present)
            {
                return Translation.Failed(va, FaultKind.NotPresent, code, level);
            }

            if (!leaf)
            {
                if (!x86Style && (entry & pte.PermissionMask) != 0)
                {
                    // A leaf (R/W/X set) at a level where this machine allows no pages is a reserved encoding.
                    return Translation.Failed(va, FaultKind.Reserved, code | PageFaultErrorCode.Present, level);
                }

                if (x86Style)
                {
                    allWritable &= entry;
                    allUser &= entry;
                    anyNx |= entry & pte.NoExecuteMask;
                    SetBits(memory, entryAddress, width, entry, accessedMask);
                }

                ulong next = (entry >> frameShift) & frameMask;
                if (next >= frameCount)
                {
                    return Translation.Failed(va, FaultKind.BadFrame, code | PageFaultErrorCode.Present, level);
                }

                table = next << pageShift;
                continue;
            }

            return Leaf(machine, memory, va, access, mode, code, level, entryAddress, entry,
                x86Style ? allWritable & entry : entry & pte.WritableMask,
                x86Style ? allUser & entry : entry & pte.UserMask,
                x86Style ? anyNx | (entry & pte.NoExecuteMask) : entry & pte.NoExecuteMask);
        }
    }

    /// <summary>The error-code bits that describe an access (before the Present bit is known).</summary>
    public static PageFaultErrorCode AccessCode(AccessKind access, PrivilegeLevel mode)
    {
        var code = mode == PrivilegeLevel.User ? PageFaultErrorCode.User : PageFaultErrorCode.None;
        return access switch
        {
            AccessKind.Write => code | PageFaultErrorCode.Write,
            AccessKind.Execute => code | PageFaultErrorCode.InstructionFetch,
            _ => code,
        };
    }

    /// <summary>Whether the bits above the translated width satisfy the machine's address check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AddressInRange(MachineDescription machine, ulong va)
    {
        ArgumentNullException.ThrowIfNull(machine);
        int bits = machine.VaBits;
        if (bits >= 64)
        {
            return true;
        }

        if (machine.AddressCheck == AddressCheck.ZeroExtend)
        {
            return va >> bits == 0;
        }

        long upper = (long)va >> (bits - 1);
        return upper == 0 || upper == -1;
    }

    private static Translation Leaf(MachineDescription machine, PhysicalMemory memory, ulong va, AccessKind access,
        PrivilegeLevel mode, PageFaultErrorCode code, int level, ulong entryAddress, ulong entry,
        ulong writable, ulong user, ulong noExecute)
    {
        PteLayout pte = machine.Pte;
        var prot = code | PageFaultErrorCode.Present;
        bool readable = pte.ReadMask == 0 || (entry & pte.ReadMask) != 0;
        bool canWrite = pte.WritableMask == 0 || writable != 0;
        bool canUser = pte.UserMask == 0 || user != 0;
        bool canExec = noExecute == 0 && (pte.ExecuteMask == 0 || (entry & pte.ExecuteMask) != 0);
        if (pte.ReadMask != 0 && !readable && (entry & pte.WritableMask) != 0)
        {
            return Translation.Failed(va, FaultKind.Reserved, prot | PageFaultErrorCode.ReservedBit, level);
        }

        int pageShift = machine.LevelShift(level);
        ulong frame = pte.FrameOf(entry);
        ulong lowFrames = (1UL << (pageShift - machine.PageShift)) - 1;
        if ((frame & lowFrames) != 0 && pte.Leaf == LeafRule.PermissionBits)
        {
            return Translation.Failed(va, FaultKind.Reserved, prot | PageFaultErrorCode.ReservedBit, level);
        }

        if (mode == PrivilegeLevel.User && !canUser)
        {
            return Translation.Failed(va, FaultKind.UserSupervisor, prot, level);
        }

        FaultKind denied = access switch
        {
            AccessKind.Write when !canWrite => FaultKind.WriteProtect,
            AccessKind.Execute when !canExec => FaultKind.NoExecute,
            AccessKind.Read when !readable => FaultKind.ReadProtect,
            _ => FaultKind.None,
        };
        if (denied != FaultKind.None)
        {
            return Translation.Failed(va, denied, prot, level);
        }

        ulong pageBase = (frame & ~lowFrames) << machine.PageShift;
        ulong pa = pageBase | (va & ((1UL << pageShift) - 1));
        if (pa >= memory.SizeBytes)
        {
            return Translation.Failed(va, FaultKind.BadFrame, prot, level);
        }

        ulong set = pte.AccessedMask | (access == AccessKind.Write ? pte.DirtyMask : 0);
        SetBits(memory, entryAddress, pte.WidthBytes, entry, set);
        bool dirty = pte.DirtyMask == 0 || ((entry | set) & pte.DirtyMask) != 0;
        var effective = (canWrite ? PteBits.Writable : 0) | (canUser ? PteBits.User : 0)
            | (canExec ? 0 : PteBits.NoExecute) | ((entry & pte.GlobalMask) != 0 ? PteBits.Global : 0)
            | (dirty ? PteBits.Dirty : 0);
        return new Translation(va, pa, FaultKind.None, PageFaultErrorCode.None, level, pageShift, false, effective,
            readable);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetBits(PhysicalMemory memory, ulong address, int width, ulong entry, ulong bits)
    {
        if ((entry & bits) != bits)
        {
            memory.Write(address, width, entry | bits);
        }
    }
}
