using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;

namespace VmQuest.Tests.Engine.Machine.Description;

public class PteLayoutTests
{
    private static readonly PteLayout X86 = BuiltinMachines.Load("x86-64").Pte;

    [Fact]
    public void Decode_Bit7InA4KibPte_IsPatNotPs()
    {
        var flags = X86.Decode(0x1000UL | 0x80 | 0x1, lastLevel: true);

        Assert.Equal(PteBits.Pat, flags & (PteBits.Pat | PteBits.Huge));
    }

    [Fact]
    public void Decode_Bit7InAPmdEntry_IsPs()
    {
        var flags = X86.Decode(0x20_0000UL | 0x80 | 0x1, lastLevel: false);

        Assert.Equal(PteBits.Huge, flags & (PteBits.Pat | PteBits.Huge));
    }

    [Fact]
    public void SetBitNames_Bit7_NamedByLevel()
    {
        Assert.Contains("pat", X86.SetBitNames(0x81, lastLevel: true));
        Assert.Contains("huge", X86.SetBitNames(0x81, lastLevel: false));
    }

    [Theory]
    [InlineData("x86-64")]
    [InlineData("x86-64-la57")]
    [InlineData("i386")]
    [InlineData("riscv-sv39")]
    public void BuiltinMachine_HasNoCopyOnWriteBit_AsLinuxHasNone(string name)
    {
        var pte = BuiltinMachines.Load(name).Pte;

        Assert.DoesNotContain(pte.NamedBits, b => b.Flag == PteBits.Cow);
        Assert.Equal(0UL, pte.Encode(0, PteBits.Cow, leaf: true));
    }
}
