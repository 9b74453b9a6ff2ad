using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

/// <summary>Every bad script gets one exact one-line message naming file, line and column.</summary>
public class WorkloadParseErrorTests
{
    [Theory]
    [InlineData("write", "server.vmw:1:6: expected an address after 'write', found end of line")]
    [InlineData("\n\nwrite   # nothing", "server.vmw:3:9: expected an address after 'write', found end of line")]
    [InlineData("read", "server.vmw:1:5: expected an address after 'read', found end of line")]
    [InlineData("touch )", "server.vmw:1:7: expected an address after 'touch', found \")\"")]
    [InlineData("read heap +", "server.vmw:1:12: expected a number, a name or '(', found end of line")]
    [InlineData("read (heap + 1", "server.vmw:1:15: expected ')' to close the '(' at column 6, found end of line")]
    [InlineData("read heap 4", "server.vmw:1:11: expected end of line after the 'read' statement, found \"4\"")]
    [InlineData("read read", "server.vmw:1:6: expected an address after 'read', found \"read\"")]
    [InlineData("write heap =", "server.vmw:1:13: expected a value after '=', found end of line")]
    [InlineData("jump heap", "server.vmw:1:1: expected a statement (read, write, fetch, malloc, free, brk, mmap, munmap, mprotect, madvise, maps, smaps, fork, exec, exit, wait, yield, sleep, repeat, for, if), found \"jump\"")]
    [InlineData("42", "server.vmw:1:1: expected a statement (read, write, fetch, malloc, free, brk, mmap, munmap, mprotect, madvise, maps, smaps, fork, exec, exit, wait, yield, sleep, repeat, for, if), found \"42\"")]
    [InlineData("read heap $", "server.vmw:1:11: unexpected character '$'")]
    [InlineData("maps heap", "server.vmw:1:6: expected end of line after the 'maps' statement, found \"heap\"")]
    [InlineData("malloc maps 16", "server.vmw:1:8: 'maps' is a reserved word and cannot name a variable")]
    [InlineData("read 12abc", "server.vmw:1:6: expected a number (decimal or 0x hex, optionally followed by K, M or G), found \"12abc\"")]
    [InlineData("read 0x", "server.vmw:1:6: expected hex digits after '0x', found \"0x\"")]
    [InlineData("read 0xZZ", "server.vmw:1:6: expected hex digits after '0x', found \"0xZZ\"")]
    [InlineData("read 4KB", "server.vmw:1:6: expected a number (decimal or 0x hex, optionally followed by K, M or G), found \"4KB\"")]
    [InlineData("read 9223372036854775808", "server.vmw:1:6: the number 9223372036854775808 does not fit in 64 bits")]
    [InlineData("read 99999999999999999999999", "server.vmw:1:6: the number 99999999999999999999999 does not fit in 64 bits")]
    [InlineData("read 0x10000000000000000", "server.vmw:1:6: the number 0x10000000000000000 does not fit in 64 bits")]
    [InlineData("read 0x4000000000000000K", "server.vmw:1:6: the number 0x4000000000000000K does not fit in 64 bits")]
    [InlineData("read 0x7fffffffffffffff + 1", "server.vmw:1:25: '+' overflows 64-bit arithmetic")]
    [InlineData("read 8G * 8G * 8G", "server.vmw:1:9: '*' overflows 64-bit arithmetic")]
    [InlineData("read heap . 1", "server.vmw:1:11: unexpected character '.'")]
    [InlineData("malloc 4K", "server.vmw:1:8: expected a variable name after 'malloc', found \"4K\"")]
    [InlineData("malloc buf", "server.vmw:1:11: expected a size after 'malloc NAME', found end of line")]
    [InlineData("malloc heap 16", "server.vmw:1:8: 'heap' is a reserved word and cannot name a variable")]
    [InlineData("free", "server.vmw:1:5: expected a variable name after 'free', found end of line")]
    [InlineData("brk", "server.vmw:1:4: expected an address (or +SIZE / -SIZE) after 'brk', found end of line")]
    [InlineData("mmap m", "server.vmw:1:7: expected a size after 'mmap NAME', found end of line")]
    [InlineData("mmap m 4K rwx", "server.vmw:1:11: 'rwx' is not an mmap option here (permissions read/write/exec/none once, then shared or private once, then file PATH [offset N] once)")]
    [InlineData("mmap m 4K shared private", "server.vmw:1:18: 'private' is not an mmap option here (permissions read/write/exec/none once, then shared or private once, then file PATH [offset N] once)")]
    [InlineData("mmap m 4K read read", "server.vmw:1:16: 'read' is given twice")]
    [InlineData("mmap m 4K none read", "server.vmw:1:16: 'read' is not an mmap option here (permissions read/write/exec/none once, then shared or private once, then file PATH [offset N] once)")]
    [InlineData("mmap m 4K file", "server.vmw:1:15: expected a file path after 'file', found end of line")]
    [InlineData("mmap m 4K file f offset -1", "server.vmw:1:25: the file offset must not be negative")]
    [InlineData("mmap m 4K file \"unterminated", "server.vmw:1:16: this quoted string has no closing quote")]
    [InlineData("munmap heap", "server.vmw:1:12: expected a size after 'munmap ADDR', found end of line")]
    [InlineData("mprotect heap 4K", "server.vmw:1:17: expected permissions (read, write, exec or none), found end of line")]
    [InlineData("mprotect heap 4K rw", "server.vmw:1:18: expected permissions (read, write, exec or none), found \"rw\"")]
    [InlineData("fork now", "server.vmw:1:6: expected end of line after the 'fork' statement, found \"now\"")]
    [InlineData("exec", "server.vmw:1:5: expected a program path after 'exec', found end of line")]
    [InlineData("exec a\"b", "server.vmw:1:7: a quote can only start a word; put the whole word in quotes")]
    [InlineData("exec \"a\"b", "server.vmw:1:9: expected a space after the closing quote, found \"b\"")]
    [InlineData("exec \"a\\nb\"", "server.vmw:1:8: expected \\\" or \\\\ after a backslash, found \"\\n\"")]
    [InlineData("exec-fetchx text", "server.vmw:1:1: expected 'exec-fetch ADDR' or 'exec PATH', found \"exec-fetchx\"")]
    [InlineData("sleep -5", "server.vmw:1:7: the sleep time must not be negative")]
    [InlineData("exit 1 2", "server.vmw:1:8: expected end of line after the 'exit' statement, found \"2\"")]
    [InlineData("repeat\nend", "server.vmw:1:7: expected a count after 'repeat', found end of line")]
    [InlineData("repeat 0 - 1\nend", "server.vmw:1:8: the repeat count must not be negative")]
    [InlineData("repeat 3 times\nend", "server.vmw:1:10: expected end of line after the 'repeat COUNT', found \"times\"")]
    [InlineData("read heap\nrepeat 3\n  read heap\n", "server.vmw:2:1: 'repeat' has no matching 'end' before the end of the file")]
    [InlineData("for i in 0..4\n  if child\n  end\n", "server.vmw:1:1: 'for' has no matching 'end' before the end of the file")]
    [InlineData("end", "server.vmw:1:1: 'end' without an open repeat, for or if block")]
    [InlineData("read heap\n  else", "server.vmw:2:3: 'else' without an open repeat, for or if block")]
    [InlineData("repeat 2\nelse\nend", "server.vmw:2:1: 'else' belongs to 'if'; the open block is 'repeat'")]
    [InlineData("if child\nelse\nelse\nend", "server.vmw:3:1: 'else' belongs to 'if'; the open block is 'if'")]
    [InlineData("repeat 2\nend now", "server.vmw:2:5: expected end of line after the 'end', found \"now\"")]
    [InlineData("for 1 in 0..4\nend", "server.vmw:1:5: expected a loop variable after 'for', found \"1\"")]
    [InlineData("for i 0..4\nend", "server.vmw:1:7: expected 'in' after 'for i', found \"0\"")]
    [InlineData("for i in 0 4\nend", "server.vmw:1:12: expected '..' between the start and end of the range, found \"4\"")]
    [InlineData("for i in 0..\nend", "server.vmw:1:13: expected an end value after '..', found end of line")]
    [InlineData("for i in 0..4 step 0\nend", "server.vmw:1:20: a loop step must not be 0")]
    [InlineData("for i in 0..4 step 2 - 2\nend", "server.vmw:1:20: a loop step must not be 0")]
    [InlineData("for i in 0..4\n for i in 0..2\n end\nend", "server.vmw:2:6: 'i' is already the variable of an enclosing loop")]
    [InlineData("for stack in 0..4\nend", "server.vmw:1:5: 'stack' is a reserved word and cannot name a variable")]
    [InlineData("if\nend", "server.vmw:1:3: expected 'child', 'parent' or 'failed' after 'if', found end of line")]
    [InlineData("if kid\nend", "server.vmw:1:4: expected 'child', 'parent' or 'failed' after 'if', found \"kid\"")]
    [InlineData("read heap\u0007", "server.vmw:1:10: unexpected control character U+0007")]
    [InlineData("read heap\rread stack", "server.vmw:1:10: unexpected control character U+000D")]
    public void Parse_BadInput_ThrowsExactMessage(string text, string message)
    {
        var e = Assert.Throws<WorkloadParseException>(() => WorkloadParser.Parse(text, "server.vmw"));
        Assert.Equal(message, e.Message);
        Assert.Equal("server.vmw", e.File);
        string[] where = message.Split(':');
        Assert.Equal(long.Parse(where[1], System.Globalization.CultureInfo.InvariantCulture), e.Line);
        Assert.Equal(int.Parse(where[2], System.Globalization.CultureInfo.InvariantCulture), e.Column);
    }

    [Fact]
    public void Parse_ExpectedFound_KeepsPartsSeparately()
    {
        var e = Assert.Throws<WorkloadParseException>(() => WorkloadParser.Parse("write", "server.vmw"));
        Assert.Equal("an address after 'write'", e.Expected);
        Assert.Equal(string.Empty, e.Found);
    }

    [Fact]
    public void Parse_BlocksNestedTooDeep_FailsAtTheOffendingBlock()
    {
        int depth = WorkloadSyntax.MaxBlockDepth + 1;
        string text = string.Concat(Enumerable.Repeat("repeat 2\n", depth)) + string.Concat(Enumerable.Repeat("end\n", depth));
        var e = Assert.Throws<WorkloadParseException>(() => WorkloadParser.Parse(text, "deep.vmw"));
        Assert.Equal($"deep.vmw:{depth}:1: blocks nest deeper than {WorkloadSyntax.MaxBlockDepth} levels", e.Message);
    }

    [Fact]
    public void Parse_BlocksAtTheLimit_Parse()
    {
        int depth = WorkloadSyntax.MaxBlockDepth;
        string text = string.Concat(Enumerable.Repeat("repeat 2\n", depth)) + string.Concat(Enumerable.Repeat("end\n", depth));
        Assert.Single(WorkloadParser.Parse(text).Body);
    }

    [Fact]
    public void Parse_ParenthesesNestedTooDeep_FailsCleanly()
    {
        string text = "read " + new string('(', 100_000) + "1" + new string(')', 100_000);
        var e = Assert.Throws<WorkloadParseException>(() => WorkloadParser.Parse(text, "p.vmw"));
        Assert.Equal($"p.vmw:1:{5 + WorkloadSyntax.MaxExpressionDepth + 1}: expression nests deeper than {WorkloadSyntax.MaxExpressionDepth} levels", e.Message);
    }

    [Fact]
    public void Parse_UnaryMinusChainTooDeep_FailsCleanly()
    {
        string text = "read " + new string('-', 10_000) + "1";
        Assert.Throws<WorkloadParseException>(() => WorkloadParser.Parse(text, "p.vmw"));
    }

    [Fact]
    public void Parse_VeryLongOperatorChain_FailsCleanly()
    {
        string text = "read " + string.Join("+", Enumerable.Repeat("1", 200_000));
        var e = Assert.Throws<WorkloadParseException>(() => WorkloadParser.Parse(text, "p.vmw"));
        int column = 5 + (2 * WorkloadSyntax.MaxExpressionOperators) + 2;
        Assert.Equal($"p.vmw:1:{column}: expression has more than {WorkloadSyntax.MaxExpressionOperators} operators", e.Message);
    }

    [Fact]
    public void Parse_OperatorChainAtTheLimit_ParsesAndEvaluates()
    {
        string text = "read " + string.Join(" * ", Enumerable.Repeat("1", WorkloadSyntax.MaxExpressionOperators + 1));
        var access = Assert.IsType<AccessStatement>(Assert.Single(WorkloadParser.Parse(text).Body));
        Assert.Equal(1, WorkloadEvaluator.Evaluate(access.Address, new Dictionary<string, long>()));
    }

    [Fact]
    public void Parse_HugeScript_Rejected()
    {
        string text = new('#', WorkloadSyntax.MaxSourceLength + 1);
        var e = Assert.Throws<WorkloadParseException>(() => WorkloadParser.Parse(text, "big.vmw"));
        Assert.Equal($"big.vmw: the script is longer than {WorkloadSyntax.MaxSourceLength} characters", e.Message);
    }

    [Fact]
    public void Parse_HugeWord_Rejected()
    {
        string text = "exec " + new string('a', WorkloadSyntax.MaxWordLength + 1);
        var e = Assert.Throws<WorkloadParseException>(() => WorkloadParser.Parse(text, "w.vmw"));
        Assert.Equal($"w.vmw:1:6: this word is longer than {WorkloadSyntax.MaxWordLength} characters", e.Message);
    }

    [Fact]
    public void Parse_HostileFileName_MessageStaysOneLine()
    {
        var e = Assert.Throws<WorkloadParseException>(() => WorkloadParser.Parse("write", "evil\nname\u2028.vmw"));
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\u2028', e.Message);
        Assert.StartsWith("evil\\nname\\x2028.vmw:1:6:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongFoundToken_IsTruncated()
    {
        string name = new('x', 200);
        var e = Assert.Throws<WorkloadParseException>(() => WorkloadParser.Parse("read heap " + name, "t.vmw"));
        Assert.EndsWith("found \"" + new string('x', 60) + "…\"", e.Message, StringComparison.Ordinal);
    }
}
