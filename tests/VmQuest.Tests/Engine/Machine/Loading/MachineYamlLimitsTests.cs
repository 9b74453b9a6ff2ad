using System.Text;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Loading;

namespace VmQuest.Tests.Engine.Machine.Loading;

public sealed class MachineYamlLimitsTests
{
    private static string X86 => BuiltinMachines.Source("x86-64")!;

    private static string Refusal(string yaml) => Assert.ThrowsAny<FormatParseException>(() => MachineYamlReader.Read(yaml, "m.yaml")).Message;

    [Fact]
    public void Read_Issue8_HundredThousandDeepNesting_OneLineNotStackOverflow()
    {
        const int Deep = 100_000;
        Assert.Equal("m.yaml:2:40: YAML nested deeper than 32 levels (the limit for a machine description)",
            Refusal("name: x\nlevels: " + new string('[', Deep) + new string(']', Deep)));
    }

    [Fact]
    public void Read_Issue8_AliasBomb_RefusedAtTheSixtyFifthAlias()
    {
        var sb = new StringBuilder("name: x\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        char previous = 'a';
        foreach (char level in "bcdefghi")
        {
            sb.Append(level).Append(": &").Append(level).Append(" [").AppendJoin(", ", Enumerable.Repeat("*" + previous, 9)).Append("]\n");
            previous = level;
        }

        Assert.StartsWith("m.yaml:10:", Refusal(sb.ToString()), StringComparison.Ordinal);
        Assert.EndsWith("YAML with more than 64 aliases (*name) (the limit for a machine description)", Refusal(sb.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Issue8_TooManyNodes_Refused()
    {
        var yaml = "name: x\nmemory: [" + string.Join(", ", Enumerable.Repeat("1", 100_001)) + "]\n";
        Assert.EndsWith("YAML with more than 100,000 nodes (the limit for a machine description)", Refusal(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Issue8_OneTebibyteAndItsGibibytes_RefusedForTheSameReason()
    {
        var tib = Refusal(X86.Replace("physicalMemory: 64MiB", "physicalMemory: 1TiB", StringComparison.Ordinal));
        var gib = Refusal(X86.Replace("physicalMemory: 64MiB", "physicalMemory: 1024GiB", StringComparison.Ordinal));
        const string Reason = "is 268,435,456 frames of 4096 bytes; expected at most 4,194,304 frames (16 GiB of these pages)";
        Assert.EndsWith("physicalMemory 1TiB " + Reason, tib, StringComparison.Ordinal);
        Assert.EndsWith("physicalMemory 1024GiB " + Reason, gib, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SixteenGibibytesWrittenInTebibytes_Accepted()
    {
        var gib = MachineYamlReader.Read(X86.Replace("physicalMemory: 64MiB", "physicalMemory: 16GiB", StringComparison.Ordinal), "m.yaml");
        Assert.Equal(16UL << 30, gib.PhysicalMemoryBytes);
    }

    [Theory]
    [InlineData("1TiB", 1UL << 40)]
    [InlineData("1024GiB", 1UL << 40)]
    [InlineData("1t", 1UL << 40)]
    [InlineData("2PiB", 2UL << 50)]
    [InlineData("16383PiB", 16383UL << 50)]
    public void TryParseSize_BinaryUnitsUpToPebibytes_Parsed(string text, ulong bytes)
    {
        Assert.True(NumberParser.TryParseSize(text, out ulong parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("16384PiB")]
    [InlineData("18446744073709551615KiB")]
    [InlineData("1EiB")]
    public void TryParseSize_Overflow_Refused(string text)
    {
        Assert.False(NumberParser.TryParseSize(text, out _));
    }

    [Fact]
    public void InputFileException_Issue8_NoLine_NeverPrintsLineZero()
    {
        Assert.Equal("m.yaml: unknown machine", new InputFileException("m.yaml", 0, "unknown machine").Message);
        Assert.Equal("m.yaml:3: bad", new InputFileException("m.yaml", 3, "bad").Message);
    }

    [Fact]
    public void Unknown_Issue8_NameSpeltAsAFile_SuggestsTheName()
    {
        Assert.StartsWith("x86-64.yaml: unknown machine (a built-in machine's name, not a file: did you mean 'x86-64'?); expected one of: i386,",
            BuiltinMachines.Unknown("x86-64.yaml").Message, StringComparison.Ordinal);
    }
}
