using System.Globalization;
using System.Text;

namespace VmQuest.Tests.Engine.Machine.Ostep;

/// <summary>Hand-written problems in the exact layout the OSTEP simulators print (without -c).</summary>
internal static class OstepSamples
{
    // Linear, 16k address space, 4k pages, 64k memory: 4 entries.
    // Answers by hand: 0xabc → VPN 0 → PFN 3 → 0x3abc; 0x1000 → VPN 1 invalid;
    // 0x2001 → VPN 2 → PFN 9 → 0x9001; 0x3fff → VPN 3 → PFN 15 → 0xffff.
    public const string Linear = """
        ARG seed 0
        ARG address space size 16k
        ARG phys mem size 64k
        ARG page size 4k
        ARG verbose False
        ARG addresses -1


        The format of the page table is simple:
        The high-order (left-most) bit is the VALID bit.
          If the bit is 1, the rest of the entry is the PFN.
          If the bit is 0, the page is not valid.
        Use verbose mode (-v) if you want to print the VPN # by
        each entry of the page table.

        Page Table (from entry 0 down to the max size)
           0x80000003
           0x00000000
           0x80000009
           0x8000000f

        Virtual Address Trace
          VA 0x00000abc (decimal:     2748) --> PA or invalid address?
          VA 0x00001000 (decimal:     4096) --> PA or invalid address?
          VA 0x00002001 (decimal:     8193) --> PA or invalid address?
          VA 0x00003fff (decimal:    16383) --> PA or invalid address?

        For each virtual address, write down the physical address it translates to
        OR write down that it is an out-of-bounds address (e.g., segfault).

        """;

    // Linear, verbose (-v), 8k address space of 1k pages, 32k memory: 8 entries.
    // 0x1ff → VPN 0 → PFN 0x1f → 0x7dff; 0x1c05 → VPN 7 → PFN 2 → 0x805; 0x0a00 → VPN 2 invalid.
    public const string LinearVerbose = """
        ARG seed 7
        ARG address space size 8k
        ARG phys mem size 32k
        ARG page size 1k
        ARG verbose True
        ARG addresses -1

        Page Table (from entry 0 down to the max size)
          [       0]   0x8000001f
          [       1]   0x80000004
          [       2]   0x00000000
          [       3]   0x00000000
          [       4]   0x80000011
          [       5]   0x00000000
          [       6]   0x00000000
          [       7]   0x80000002

        Virtual Address Trace
          VA 0x000001ff (decimal:      511) --> PA or invalid address?
          VA 0x00001c05 (decimal:     7173) --> PA or invalid address?
          VA 0x00000a00 (decimal:     2560) --> PA or invalid address?

        """;

    /// <summary>
    /// Multi-level, PDBR 10. Page 10 (directory): every byte 0x7f (invalid) except PDE 3 = 0x94 (page table in
    /// page 20) and PDE 31 = 0x95 (page 21). Page 20: PTE 5 = 0xa8 (frame 40), the rest 0x7f. Page 21: PTE 31 =
    /// 0x81 (frame 1). Page 40 holds bytes 0x00..0x1f; page 1 holds 0x11 everywhere; other pages 0x7f.
    /// Answers by hand: 0x0ca7 = PDE 3 | PTE 5 | offset 7 → 40·32 + 7 = 0x507, value 0x07;
    /// 0x0cc0 = PDE 3 | PTE 6 → pte_fault; 0x001f = PDE 0 → pde_fault; 0x7fff = PDE 31 | PTE 31 | 31 → 0x3f, value 0x11.
    /// </summary>
    public static string Multilevel(int pages = 128, string? pdbrLine = null)
    {
        var memory = new byte[128, 32];
        for (int p = 0; p < 128; p++)
        {
            for (int b = 0; b < 32; b++)
            {
                memory[p, b] = p == 40 ? (byte)b : p == 1 ? (byte)0x11 : (byte)0x7f;
            }
        }

        memory[10, 3] = 0x94;
        memory[10, 31] = 0x95;
        memory[20, 5] = 0xa8;
        memory[21, 31] = 0x81;
        var text = new StringBuilder();
        text.Append("ARG seed 0\nARG allocated 64\nARG num 4\n\n");
        for (int p = 0; p < pages; p++)
        {
            text.Append(CultureInfo.InvariantCulture, $"page {p,3}:");
            for (int b = 0; b < 32; b++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{memory[p, b]:x2}");
                text.Append(b < 31 ? " " : "");
            }

            text.Append('\n');
        }

        text.Append(pdbrLine ?? "PDBR: 10  (decimal) [This means the page directory is held in this page]");
        text.Append("\n\n");
        foreach (string va in new[] { "0ca7", "0cc0", "001f", "7fff" })
        {
            text.Append(CultureInfo.InvariantCulture, $"Virtual Address {va}: Translates To What Physical Address (And Fetches what Value)? Or Fault?\n");
        }

        text.Append("\nFor each virtual address, write down the physical address it translates to\n");
        return text.ToString();
    }
}
