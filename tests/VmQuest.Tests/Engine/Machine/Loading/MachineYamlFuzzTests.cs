using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Tests.Engine.Formats;

namespace VmQuest.Tests.Engine.Machine.Loading;

/// <summary>Damaged machine files and random bytes give a machine or one typed line, never another exception.</summary>
public sealed class MachineYamlFuzzTests
{
    [Theory]
    [InlineData("x86-64")]
    [InlineData("riscv-sv39")]
    [InlineData("ostep-multilevel")]
    public void Read_MutatedBuiltinMachine_OnlyTypedErrors(string machine)
    {
        string source = BuiltinMachines.Source(machine)!;
        Prop.ForAll(TextMutation.Mutated(source).ToArbitrary(), text => TextMutation.OnlyTyped(() => MachineYamlReader.Read(text, "m.yaml")))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(400));
    }

    [Fact]
    public void Read_RandomBytes_OnlyTypedErrorsWithBoundedAllocation()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            bool typed = TextMutation.OnlyTyped(() => MachineYamlReader.Read(System.Text.Encoding.UTF8.GetString(bytes), "m.yaml"));
            return typed && GC.GetAllocatedBytesForCurrentThread() - before < (64L << 20);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
