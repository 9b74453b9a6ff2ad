using System.Text;
using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Formats.Lackey;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Formats.Refs;
using VmQuest.Engine.Kernel.Workloads;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Ostep;

namespace VmQuest.Tests.Engine.Formats.Input;

/// <summary>
/// Random bytes into every reader, in process: each either reads them or refuses them with one typed line, and
/// none allocates more than a bounded amount doing so.
/// </summary>
public sealed class EveryReaderRandomBytesTests
{
    private const long AllocationCeiling = 64L << 20;

    public static TheoryData<string> Readers() => new("maps", "lackey", "refs", "workload", "machine", "ostep", "ostep-policy", "elf");

    [Theory]
    [MemberData(nameof(Readers))]
    public void Read_RandomBytes_OnlyTypedErrorsWithBoundedAllocation(string reader)
    {
        // Bytes skewed toward the characters the formats use, so some inputs get past the first token.
        var interesting = Gen.Elements("0", "1", "f", "x", "-", ":", " ", "\n", "\r", ",", "I", " L", "==1==", "ARG ", "page ", "[", "{", "*a", "&a", "\u007fELF", "\0");
        var text = from parts in Gen.ListOf(Gen.OneOf(interesting, Gen.Elements("é", "\uFFFD", "\t")))
                   select string.Concat(parts);
        var bytes = Gen.OneOf(text.Select(Encoding.UTF8.GetBytes), ArbMap.Default.GeneratorFor<byte[]>());
        Prop.ForAll(bytes.ToArbitrary(), input =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            bool typed = TextMutation.OnlyTyped(() => Read(reader, input));
            return typed && GC.GetAllocatedBytesForCurrentThread() - before < AllocationCeiling;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static void Read(string reader, byte[] input)
    {
        string text = Encoding.UTF8.GetString(input);
        switch (reader)
        {
            case "maps":
                _ = MapsReader.Parse(text, "m");
                break;
            case "lackey":
                using (var lackey = new LackeyTraceReader(new MemoryStream(input), "t"))
                {
                    while (lackey.TryRead(out _))
                    {
                    }
                }

                break;
            case "refs":
                _ = ReferenceStringReader.Parse(text, "r");
                break;
            case "workload":
                _ = WorkloadParser.Parse(text, "w");
                break;
            case "machine":
                _ = MachineYamlReader.Read(text, "y");
                break;
            case "ostep":
                _ = OstepSolver.Solve(OstepProblemReader.Read(text, "o"));
                break;
            case "ostep-policy":
                _ = OstepPolicyProblemReader.Read(text, "p");
                break;
            default:
                _ = ElfReader.Read(new MemoryStream(input), "e");
                break;
        }
    }
}
