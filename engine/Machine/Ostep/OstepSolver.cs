using VmQuest.Engine.Machine.Costs;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Memory;
using VmQuest.Engine.Machine.Tlb;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Machine.Ostep;

/// <summary>
/// Answers an <see cref="OstepProblem"/> with the same page walker the game uses: the problem becomes a machine
/// (the homework's teaching format as a <see cref="MachineDescription"/>) whose physical memory holds the tables.
/// For the linear format the table is stored just above the problem's physical memory, where no PFN points.
/// Walks are made in kernel mode with reads only, so no A/D bits exist to change the dump.
/// </summary>
public static class OstepSolver
{
    /// <summary>Builds the machine a problem describes: its description, its memory and its root address.</summary>
    public static (MachineDescription Machine, PhysicalMemory Memory, ulong Root) BuildMachine(OstepProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int pageShift = MachineYamlReader.BitIndex(problem.PageSize);
        if (problem.Kind == OstepProblemKind.Multilevel)
        {
            var multi = Describe("ostep-multilevel", pageShift, [new("PD", 5, false), new("PT", 5, false)], 1, 7, 7,
                problem.PhysicalMemorySize);
            var mem = new PhysicalMemory(multi.FrameCount, pageShift);
            mem.WriteBytes(0, [.. problem.Memory]);
            return (multi, mem, problem.Pdbr << pageShift);
        }

        int indexBits = MachineYamlReader.BitIndex(problem.AddressSpaceSize) - pageShift;
        ulong tableBytes = 4UL * (ulong)problem.PageTable.Count;
        ulong tablePages = (tableBytes + problem.PageSize - 1) / problem.PageSize;
        ulong total = problem.PhysicalMemorySize + tablePages * problem.PageSize;
        var linear = Describe("ostep-linear", pageShift, [new("PT", indexBits, false)], 4, 31, 31, total);
        var memory = new PhysicalMemory(linear.FrameCount, pageShift);
        ulong root = problem.PhysicalMemorySize;
        for (int vpn = 0; vpn < problem.PageTable.Count; vpn++)
        {
            memory.Write(root + (4UL * (ulong)vpn), 4, problem.PageTable[vpn]);
        }

        return (linear, memory, root);
    }

    /// <summary>Answers every question of <paramref name="problem"/>, in order.</summary>
    public static IReadOnlyList<OstepAnswer> Solve(OstepProblem problem)
    {
        var (machine, memory, root) = BuildMachine(problem);
        var answers = new List<OstepAnswer>();
        foreach (var question in problem.Questions)
        {
            var observer = new ListWalkObserver([]);
            var t = PageWalker.Walk(machine, memory, root, question.VirtualAddress, AccessKind.Read, PrivilegeLevel.Supervisor, ref observer);
            // A valid leaf whose PFN lies past physical memory still translates: paging-linear-translate.py prints
            // pfn * pagesize + offset whatever the PFN. The walker calls it a bad frame; the answer gives the address
            // and says where it points, rather than calling the VPN invalid.
            ulong? pa = t.Fault switch
            {
                FaultKind.None => t.PhysicalAddress,
                FaultKind.BadFrame when observer.Steps.Count > 0 && observer.Steps[^1] is { IsLeaf: true, Valid: true } leaf =>
                    (leaf.Frame << MachineYamlReader.BitIndex(problem.PageSize)) | (question.VirtualAddress & (problem.PageSize - 1)),
                _ => null,
            };
            string result = (pa, t.Fault, problem.Kind) switch
            {
                ({ }, _, _) => "ok",
                (null, FaultKind.NotPresent, OstepProblemKind.Multilevel) => t.Level == 0 ? "pde_fault" : "pte_fault",
                _ => "invalid",
            };
            bool beyond = pa >= problem.PhysicalMemorySize;
            byte? value = pa is { } at && !beyond && problem.Kind == OstepProblemKind.Multilevel ? memory.ReadByte(at) : null;
            answers.Add(new OstepAnswer(question, result, pa, value, observer.Steps) { BeyondPhysicalMemory = beyond });
        }

        return answers;
    }

    private static MachineDescription Describe(string name, int pageShift, List<LevelDescription> levels, int width,
        int validBit, int frameBits, ulong memoryBytes)
    {
        var bits = new Dictionary<PteBits, int> { [PteBits.Present] = validBit };
        var pte = new PteLayout(width, LeafRule.HugeBit, 0, frameBits, bits);
        return new MachineDescription(name, name, pageShift, levels, AddressCheck.ZeroExtend, pte, memoryBytes,
            new TlbShape(0, 1, TlbReplacement.Lru, false), CostTable.Default);
    }
}
