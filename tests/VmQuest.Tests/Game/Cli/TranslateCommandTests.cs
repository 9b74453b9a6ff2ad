using System.Text.Json;
using static VmQuest.Tests.Game.Cli.CliRunner;

namespace VmQuest.Tests.Game.Cli;

public class TranslateCommandTests
{
    [Fact]
    public void Translate_DemoTextPage_ExplainsEveryLevelAndValue()
    {
        var (status, output, error) = Run("translate", "x86-64", "0x400001");

        Assert.Equal(0, status);
        Assert.Equal("", error);
        Assert.Contains("split: PGD 0 | PUD 0 | PMD 2 | PTE 0 | offset 0x1", output, StringComparison.Ordinal);
        Assert.Contains("PGD[0] at 0x1000 = 0x0000000000002007  valid, next table (PUD) in frame 0x2", output, StringComparison.Ordinal);
        Assert.Contains("PTE[0] at 0x4000 = 0x0000000000400005  valid, maps the 4 KiB page at frame 0x400  [present user]", output, StringComparison.Ordinal);
        Assert.Contains("=> physical address 0x400001, value 0x48 (101 cycles)", output, StringComparison.Ordinal); // push rbp; *REX.W* mov
    }

    [Fact]
    public void Translate_StringLiteralWrite_ReportsWriteProtectFault()
    {
        var (status, output, _) = Run("translate", "x86-64", "0x402000", "--access", "write");

        Assert.Equal(0, status);
        Assert.Contains("page fault (write_protect)", output, StringComparison.Ordinal);
        Assert.Contains("error code 0x7 (protection, write, user)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_Json_HasTheIssuesFieldsPerAddress()
    {
        var (status, output, _) = Run("translate", "x86-64", "0x400000", "0x400008", "0x12345000", "--json");

        Assert.Equal(0, status);
        using var doc = JsonDocument.Parse(output);
        var addresses = doc.RootElement.GetProperty("addresses");
        Assert.Equal(3, addresses.GetArrayLength());
        var first = addresses[0];
        Assert.Equal("0x400000", first.GetProperty("va").GetString());
        Assert.Equal("ok", first.GetProperty("result").GetString());
        Assert.Equal("0x400000", first.GetProperty("pa").GetString());
        Assert.Equal(0x55, first.GetProperty("value").GetInt32());
        var step = first.GetProperty("steps")[3];
        Assert.Equal(3, step.GetProperty("level").GetInt32());
        Assert.Equal(0, step.GetProperty("index").GetInt32());
        Assert.Equal("0x4000", step.GetProperty("entryAddress").GetString());
        Assert.Equal("0x400005", step.GetProperty("entry").GetString());
        Assert.True(step.GetProperty("valid").GetBoolean());
        Assert.Equal("hit", addresses[1].GetProperty("tlb").GetString());
        Assert.Equal(0, addresses[1].GetProperty("steps").GetArrayLength());
        var fault = addresses[2];
        Assert.Equal("not_present", fault.GetProperty("result").GetString());
        Assert.False(fault.TryGetProperty("pa", out _));
        Assert.False(fault.GetProperty("steps")[2].GetProperty("valid").GetBoolean()); // PMD entry 145 is empty
    }

    [Theory]
    [InlineData("riscv-sv39", "0x10000", "0x400000")]
    [InlineData("i386", "0xc0001234", "0x401234")]
    [InlineData("x86-64-la57", "0x00ff000000000010", "0x401010")]
    [InlineData("ostep-linear", "0x3abc", "0x6abc")]
    [InlineData("ostep-multilevel", "0x1", "0x201")]
    public void Translate_EachBuiltin_TranslatesItsDemoMapping(string machine, string va, string pa)
    {
        var (status, output, _) = Run("translate", machine, va, "--mode", "kernel", "--json");

        Assert.Equal(0, status);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(pa, doc.RootElement.GetProperty("addresses")[0].GetProperty("pa").GetString());
    }

    [Fact]
    public void Translate_NonCanonical_SaysSoWithoutErrorCode()
    {
        var (_, output, _) = Run("translate", "x86-64", "0x800000000000");

        Assert.Contains("fault (non_canonical): not canonical: bits 63..47 must all equal bit 47", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vax", "0x1000", "vax: unknown machine; expected one of: i386,")]
    [InlineData("x86-64", "0xzz", "'0xzz' is not a virtual address")]
    [InlineData("/nonexistent/m.yaml", "0x1000", "/nonexistent/m.yaml: no such file (expected a machine file, or a built-in machine: i386,")]
    public void Translate_BadInput_OneLineErrorAndNonZeroStatus(string machine, string va, string expected)
    {
        var (status, output, error) = Run("translate", machine, va);

        Assert.Equal(1, status);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.StartsWith("vmquest: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_MalformedMachineFile_NamesFileAndLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"vmquest-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: bad\npageSize: 4KiB\nphysicalMemory: 1MiB\nlevels:\n  - { name: PT, bits: 99 }\n");
        try
        {
            var (status, _, error) = Run("translate", path, "0x0");

            Assert.Equal(1, status);
            Assert.Equal($"vmquest: {path}:5: level bits must be 1 to 20, not 99", error.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Translate_MachineFileWithImage_WalksItsTables()
    {
        string path = Path.Combine(Path.GetTempPath(), $"vmquest-tiny-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            name: tiny
            pageSize: 256
            physicalMemory: 64KiB
            levels:
              - { name: PD, bits: 4 }
              - { name: PT, bits: 4 }
            pte:
              width: 2
              frame: { shift: 8, bits: 8 }
              bits: { present: 0, writable: 1, user: 2 }
            root: 0x100
            memory:
              - { address: 0x102, bytes: "07 02" }   # PD[1] = frame 2, present | writable | user
              - { address: 0x20a, bytes: "05 09" }   # PT[5] = frame 9, present | user
              - { address: 0x9ab, bytes: "2a" }
            """);
        try
        {
            var (status, output, _) = Run("translate", path, "0x15ab");

            Assert.Equal(0, status);
            Assert.Contains("split: PD 1 | PT 5 | offset 0xab", output, StringComparison.Ordinal);
            Assert.Contains("PD[1] at 0x102 = 0x0207", output, StringComparison.Ordinal);
            Assert.Contains("PT[5] at 0x20a = 0x0905", output, StringComparison.Ordinal);
            Assert.Contains("=> physical address 0x9ab, value 0x2a", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Translate_BadAccessOption_IsAUsageError()
    {
        var (status, _, error) = Run("translate", "x86-64", "0x0", "--access", "jump");

        Assert.Equal(2, status);
        Assert.Contains("jump", error, StringComparison.Ordinal);
    }
}
