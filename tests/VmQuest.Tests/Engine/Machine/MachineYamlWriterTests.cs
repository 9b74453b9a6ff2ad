using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Machine;

public class MachineYamlWriterTests
{
    [Theory]
    [InlineData("x86-64")]
    [InlineData("riscv-sv39")]
    [InlineData("i386")]
    [InlineData("ostep-multilevel")]
    public void Write_ThenRead_RestoresMemoryRootAndTranslations(string name)
    {
        var original = MachineState.Boot(BuiltinMachines.Load(name));
        ulong[] probes = [0x0, 0x1, 0x10000, 0x200010, 0x400000, 0x402000, 0x0804a000, 0xffff888000000000, 0xffffffd800000000, 0x7fe0];
        foreach (ulong va in probes)
        {
            original.Mmu.Translate(va, AccessKind.Write, PrivilegeLevel.Supervisor);   // sets A/D bits worth saving
        }

        var restored = MachineState.Boot(MachineYamlReader.Read(MachineYamlWriter.Write(original), "saved.yaml"));

        Assert.Equal(original.Mmu.Cr3, restored.Mmu.Cr3);
        for (ulong frame = 0; frame < original.Memory.FrameCount; frame++)
        {
            if (original.Memory.IsTouched(frame) || restored.Memory.IsTouched(frame))
            {
                var a = new byte[original.Description.PageSize];
                var b = new byte[original.Description.PageSize];
                original.Memory.CopyFrame(frame, a);
                restored.Memory.CopyFrame(frame, b);
                Assert.Equal(a, b);
            }
        }

        foreach (ulong va in probes)
        {
            var x = PageWalker.Walk(original.Description, original.Memory, original.Mmu.Cr3, va, AccessKind.Read, PrivilegeLevel.User);
            var y = PageWalker.Walk(restored.Description, restored.Memory, restored.Mmu.Cr3, va, AccessKind.Read, PrivilegeLevel.User);
            Assert.Equal((x.Fault, x.PhysicalAddress), (y.Fault, y.PhysicalAddress));
        }

        Assert.Equal(original.Description.Costs, restored.Description.Costs);
        Assert.Equal(original.Description.Tlb, restored.Description.Tlb);
    }
}
