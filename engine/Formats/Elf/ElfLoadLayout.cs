namespace VmQuest.Engine.Formats.Elf;

/// <summary>The <c>mm_struct</c> fields binfmt_elf derives from the segments (start_code … brk, AT_PHDR, relro).</summary>
internal static class ElfLoadLayout
{
    internal static ElfMappingKind KindOf(SegmentPermissions p) =>
        (p & SegmentPermissions.Execute) != 0 ? ElfMappingKind.Text
        : (p & SegmentPermissions.Write) != 0 ? ElfMappingKind.Data
        : ElfMappingKind.ReadOnlyData;

    internal static void Compute(ElfLoadPlan plan, ElfFile elf, ulong bias, ulong pageSize)
    {
        ulong mask = pageSize - 1;
        ulong startCode = ulong.MaxValue, endCode = 0, startData = 0, endData = 0, brk = 0, phdr = 0;
        foreach (var h in elf.Loads)
        {
            bool exec = h.IsExecutable;
            ulong k = h.VirtualAddress;
            if (exec && k < startCode)
            {
                startCode = k;
            }

            startData = Math.Max(startData, k);
            k = h.VirtualAddress + h.FileSize;
            if (exec)
            {
                endCode = Math.Max(endCode, k);
            }

            endData = Math.Max(endData, k);
            brk = Math.Max(brk, h.VirtualAddress + h.MemorySize);

            // AT_PHDR: the load segment whose file bytes contain e_phoff maps the table at this address.
            if (phdr == 0 && elf.ProgramHeaderOffset >= h.Offset && elf.ProgramHeaderOffset - h.Offset < h.FileSize)
            {
                phdr = elf.ProgramHeaderOffset - h.Offset + h.VirtualAddress + bias;
            }
        }

        plan.StartCode = startCode == ulong.MaxValue ? 0 : startCode + bias;
        plan.EndCode = endCode == 0 ? plan.StartCode : endCode + bias;
        plan.StartData = startData + bias;
        plan.EndData = endData + bias;
        plan.BrkStart = ((brk + bias) + mask) & ~mask;
        plan.ProgramHeaderAddress = phdr;

        if (elf.Relro is { } r && r.MemorySize > 0 && r.MemorySize <= ulong.MaxValue - bias && r.VirtualAddress <= ulong.MaxValue - bias - r.MemorySize)
        {
            ulong lo = (r.VirtualAddress + bias) & ~mask;
            ulong hi = (r.VirtualAddress + r.MemorySize + bias) & ~mask;
            plan.RelroPages = (lo, Math.Max(lo, hi));
        }
    }
}
