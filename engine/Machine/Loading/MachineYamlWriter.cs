using System.Globalization;
using System.Text;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Tlb;

namespace VmQuest.Engine.Machine.Loading;

/// <summary>
/// Saves a machine — its description and its current physical memory and CR3 — as a machine file that
/// <see cref="MachineYamlReader"/> reads back to the same state (frames that are all zeros are omitted; the
/// page tables travel as memory bytes, so no <c>mappings:</c> are written). This is how a machine state is
/// saved, loaded and shared. TLB contents and the cycle counter are not part of the state.
/// </summary>
public static class MachineYamlWriter
{
    /// <summary>Returns the YAML text for <paramref name="state"/>.</summary>
    public static string Write(MachineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var m = state.Description;
        var pte = m.Pte;
        var text = new StringBuilder();
        Line(text, $"# Saved by VmQuest: the machine description plus its physical memory and CR3.");
        Line(text, $"name: {m.Name}");
        Line(text, $"summary: \"{m.Summary.Replace("\"", "'", StringComparison.Ordinal)}\"");
        Line(text, $"pageSize: {m.PageSize}");
        Line(text, $"physicalMemory: {m.PhysicalMemoryBytes}");
        if (m.RootRegister != MachineDescription.DefaultRootRegister || m.AddressSpaceId != MachineDescription.DefaultAddressSpaceId)
        {
            Line(text, $"rootRegister: {m.RootRegister}");
            Line(text, $"addressSpaceId: {m.AddressSpaceId}");
        }

        Line(text, $"addressCheck: {(m.AddressCheck == AddressCheck.SignExtend ? "sign-extend" : "zero-extend")}");
        Line(text, $"levels:");
        foreach (var level in m.Levels)
        {
            Line(text, $"  - {{ name: {level.Name}, bits: {level.IndexBits}{(level.HugeAllowed ? ", huge: true" : "")} }}");
        }

        Line(text, $"pte:");
        Line(text, $"  width: {pte.WidthBytes}");
        Line(text, $"  leaf: {(pte.Leaf == LeafRule.HugeBit ? "huge-bit" : "permission-bits")}");
        Line(text, $"  frame: {{ shift: {pte.FrameShift}, bits: {pte.FrameBits} }}");
        Line(text, $"  bits: {{ {string.Join(", ", pte.NamedBits.Select(b => $"{b.Name}: {b.Bit}"))} }}");
        var tlb = m.Tlb;
        string policy = tlb.Replacement switch { TlbReplacement.Fifo => "fifo", TlbReplacement.Random => "random", _ => "lru" };
        Line(text, $"tlb: {{ entries: {tlb.Entries}, ways: {tlb.Ways}, replacement: {policy}, pcid: {(tlb.Pcid ? "true" : "false")}, seed: 0x{tlb.Seed:x} }}");
        var c = m.Costs;
        Line(text, $"costs: {{ tlbHit: {c.TlbHit}, walkMemoryReference: {c.WalkMemoryReference}, minorFault: {c.MinorFault}, cowCopy: {c.CowCopy}, majorFault: {c.MajorFault}, contextSwitch: {c.ContextSwitch}, tlbFlush: {c.TlbFlush} }}");
        Line(text, $"root: 0x{state.Mmu.Cr3:x}");
        WriteMemory(text, state);
        return text.ToString();
    }

    private static void WriteMemory(StringBuilder text, MachineState state)
    {
        var buffer = new byte[state.Description.PageSize];
        bool any = false;
        for (ulong frame = 0; frame < state.Memory.FrameCount; frame++)
        {
            if (!state.Memory.IsTouched(frame))
            {
                continue;
            }

            state.Memory.CopyFrame(frame, buffer);
            int length = Array.FindLastIndex(buffer, b => b != 0) + 1;
            if (length == 0 && !state.Frames.IsUsed(frame))
            {
                continue;
            }

            if (!any)
            {
                Line(text, $"memory:");
                any = true;
            }

            Line(text, $"  - {{ frame: 0x{frame:x}, bytes: \"{Convert.ToHexString(buffer, 0, Math.Max(length, 1)).ToLowerInvariant()}\" }}");
        }
    }

    private static void Line(StringBuilder text, FormattableString line) =>
        text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
