using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

public class WorkloadParserTests
{
    private static Statement Single(string line)
    {
        var program = WorkloadParser.Parse(line, "t.vmw");
        return Assert.Single(program.Body);
    }

    private static SourcePosition P(int line, int column) => new(line, column);

    [Fact]
    public void Parse_EmptyAndCommentsOnly_GivesEmptyProgram()
    {
        var program = WorkloadParser.Parse("\n# just a comment\n   \n\t# another\n", "e.vmw");
        Assert.Empty(program.Body);
        Assert.Equal("e.vmw", program.File);
    }

    [Fact]
    public void Parse_Read_GivesReadAccessWithPositions()
    {
        var s = Assert.IsType<AccessStatement>(Single("  read heap + 0x10"));
        Assert.Equal(P(1, 3), s.Position);
        Assert.Equal(AccessKind.Read, s.Kind);
        Assert.Null(s.Value);
        var add = Assert.IsType<BinaryExpr>(s.Address);
        Assert.Equal(P(1, 13), add.Position);
        Assert.Equal(new SymbolRef(P(1, 8), "heap"), add.Left);
        Assert.Equal(new IntLiteral(P(1, 15), 16), add.Right);
    }

    [Fact]
    public void Parse_Touch_IsARead()
    {
        var s = Assert.IsType<AccessStatement>(Single("touch stack"));
        Assert.Equal(AccessKind.Read, s.Kind);
    }

    [Fact]
    public void Parse_WriteWithValue_KeepsValue()
    {
        var s = Assert.IsType<AccessStatement>(Single("write data = 72 # 'H'"));
        Assert.Equal(AccessKind.Write, s.Kind);
        Assert.Equal(new IntLiteral(P(1, 14), 72), s.Value);
    }

    [Fact]
    public void Parse_WriteWithoutValue_HasNullValue()
    {
        var s = Assert.IsType<AccessStatement>(Single("write bss"));
        Assert.Null(s.Value);
    }

    [Theory]
    [InlineData("fetch text")]
    [InlineData("exec-fetch text")]
    public void Parse_FetchSpellings_GiveFetch(string line)
    {
        var s = Assert.IsType<AccessStatement>(Single(line));
        Assert.Equal(AccessKind.Fetch, s.Kind);
        Assert.Equal("text", Assert.IsType<SymbolRef>(s.Address).Name);
    }

    [Fact]
    public void Parse_MallocAndFree_BindNames()
    {
        var program = WorkloadParser.Parse("malloc buf 4K\nfree buf\n");
        var m = Assert.IsType<MallocStatement>(program.Body[0]);
        Assert.Equal("buf", m.Name);
        Assert.Equal(4096, Assert.IsType<IntLiteral>(m.Size).Value);
        Assert.Equal(new FreeStatement(P(2, 1), "buf"), program.Body[1]);
    }

    [Fact]
    public void Parse_BrkAbsolute_GivesBrk()
    {
        var s = Assert.IsType<BrkStatement>(Single("brk heap + 64K"));
        Assert.IsType<BinaryExpr>(s.Address);
    }

    [Theory]
    [InlineData("brk +8K", 8192)]
    [InlineData("sbrk 8K", 8192)]
    [InlineData("sbrk +8K", 8192)]
    public void Parse_RelativeBreak_GivesSbrk(string line, long delta)
    {
        var s = Assert.IsType<SbrkStatement>(Single(line));
        Assert.Equal(delta, WorkloadEvaluator.Evaluate(s.Delta, new Dictionary<string, long>()));
    }

    [Fact]
    public void Parse_BrkMinus_GivesNegativeSbrk()
    {
        var s = Assert.IsType<SbrkStatement>(Single("brk -4K"));
        Assert.Equal(-4096, WorkloadEvaluator.Evaluate(s.Delta, new Dictionary<string, long>()));
    }

    [Fact]
    public void Parse_MmapDefaults_PrivateReadWriteAnonymous()
    {
        var s = Assert.IsType<MmapStatement>(Single("mmap area 2M"));
        Assert.Equal("area", s.Name);
        Assert.Equal(MemoryPerms.Read | MemoryPerms.Write, s.Perms);
        Assert.False(s.Shared);
        Assert.Null(s.File);
        Assert.Null(s.Offset);
    }

    [Fact]
    public void Parse_MmapAllOptions_KeepsThem()
    {
        var s = Assert.IsType<MmapStatement>(Single("mmap lib 8K read exec shared file /usr/lib/libc.so.6 offset 0x1000"));
        Assert.Equal(MemoryPerms.Read | MemoryPerms.Exec, s.Perms);
        Assert.True(s.Shared);
        Assert.Equal("/usr/lib/libc.so.6", s.File);
        Assert.Equal(new IntLiteral(P(1, 61), 0x1000), s.Offset);
    }

    [Fact]
    public void Parse_MmapOptionsInAnyOrder_Accepted()
    {
        var s = Assert.IsType<MmapStatement>(Single("mmap m 4K file \"my file.bin\" private none"));
        Assert.Equal(MemoryPerms.None, s.Perms);
        Assert.Equal("my file.bin", s.File);
    }

    [Fact]
    public void Parse_MunmapAndMprotect_TwoExpressionsThenPerms()
    {
        var program = WorkloadParser.Parse("munmap buf 4K\nmprotect buf + 4K 2 * 4K read\nmprotect text 4K none");
        var u = Assert.IsType<MunmapStatement>(program.Body[0]);
        Assert.Equal("buf", Assert.IsType<SymbolRef>(u.Address).Name);
        var p = Assert.IsType<MprotectStatement>(program.Body[1]);
        Assert.Equal(MemoryPerms.Read, p.Perms);
        Assert.IsType<BinaryExpr>(p.Address);
        Assert.IsType<BinaryExpr>(p.Size);
        Assert.Equal(MemoryPerms.None, Assert.IsType<MprotectStatement>(program.Body[2]).Perms);
    }

    [Fact]
    public void Parse_ProcessStatements_GiveTheirNodes()
    {
        var program = WorkloadParser.Parse("fork\nwait\nyield\nsleep 1000\nexit\nexit 3");
        Assert.Equal(new ForkStatement(P(1, 1)), program.Body[0]);
        Assert.Equal(new WaitStatement(P(2, 1)), program.Body[1]);
        Assert.Equal(new YieldStatement(P(3, 1)), program.Body[2]);
        Assert.Equal(new SleepStatement(P(4, 1), new IntLiteral(P(4, 7), 1000)), program.Body[3]);
        Assert.Equal(new ExitStatement(P(5, 1), null), program.Body[4]);
        Assert.Equal(new ExitStatement(P(6, 1), new IntLiteral(P(6, 6), 3)), program.Body[5]);
    }

    [Fact]
    public void Parse_ExecWithArgs_KeepsWordsAndQuotedStrings()
    {
        var s = Assert.IsType<ExecStatement>(Single("exec /bin/ls -l \"a b\" x#y \"q\\\"uote\" # comment"));
        Assert.Equal("/bin/ls", s.Path);
        Assert.Equal(["-l", "a b", "x#y", "q\"uote"], s.Args);
    }

    [Fact]
    public void Parse_ExecWithoutArgs_HasEmptyArgs()
    {
        var s = Assert.IsType<ExecStatement>(Single("exec ./hello"));
        Assert.Empty(s.Args);
    }

    [Fact]
    public void Parse_Repeat_NestsBody()
    {
        var r = Assert.IsType<RepeatStatement>(Single("repeat 3\n  read heap\n  write heap\nend"));
        Assert.Equal(2, r.Body.Count);
        Assert.Equal(P(2, 3), r.Body[0].Position);
    }

    [Fact]
    public void Parse_ForWithStep_KeepsRangeAndStep()
    {
        var f = Assert.IsType<ForStatement>(Single("for i in 0..16 step 2\n write heap + i*4096\nend"));
        Assert.Equal("i", f.Variable);
        Assert.Equal(new IntLiteral(P(1, 10), 0), f.From);
        Assert.Equal(new IntLiteral(P(1, 13), 16), f.To);
        Assert.Equal(new IntLiteral(P(1, 21), 2), f.Step);
        Assert.Single(f.Body);
    }

    [Fact]
    public void Parse_ForWithoutStep_HasNullStep()
    {
        var f = Assert.IsType<ForStatement>(Single("for page in 0 .. n\nend"));
        Assert.Null(f.Step);
        Assert.Empty(f.Body);
    }

    [Fact]
    public void Parse_IfChildElse_SplitsBranches()
    {
        var i = Assert.IsType<IfForkStatement>(Single("if child\n write heap = 1\nelse\n write heap = 2\n wait\nend"));
        Assert.Equal(ForkRole.Child, i.Role);
        Assert.Single(i.Then);
        Assert.Equal(2, i.Else.Count);
    }

    [Fact]
    public void Parse_IfParentWithoutElse_HasEmptyElse()
    {
        var i = Assert.IsType<IfForkStatement>(Single("if parent\n wait\nend"));
        Assert.Equal(ForkRole.Parent, i.Role);
        Assert.Empty(i.Else);
    }

    [Fact]
    public void Parse_NestedLoops_BuildTree()
    {
        const string text = """
            repeat 2
              for i in 0..4
                for j in 0..i
                  read heap + i*4K + j
                end
              end
            end
            """;
        var r = Assert.IsType<RepeatStatement>(Single(text));
        var outer = Assert.IsType<ForStatement>(Assert.Single(r.Body));
        var inner = Assert.IsType<ForStatement>(Assert.Single(outer.Body));
        Assert.Equal("j", inner.Variable);
        Assert.IsType<AccessStatement>(Assert.Single(inner.Body));
    }

    [Fact]
    public void Parse_CrLfLineEndsAndBom_Accepted()
    {
        var program = WorkloadParser.Parse("\uFEFFread heap\r\nwrite heap\r\n");
        Assert.Equal(2, program.Body.Count);
        Assert.Equal(P(2, 1), program.Body[1].Position);
    }

    [Fact]
    public void Parse_SameTextTwice_GivesEqualTrees()
    {
        const string text = "malloc a 16\nfor i in 0..3\n write a + i = i * 2\nend\n";
        Assert.Equal(WorkloadParser.Parse(text), WorkloadParser.Parse(text));
    }

    [Fact]
    public void ParseFile_MissingFile_ThrowsParseExceptionNamingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), "vmquest-no-such-" + Guid.NewGuid().ToString("N") + ".vmw");
        var e = Assert.ThrowsAny<FormatParseException>(() => WorkloadParser.ParseFile(path));
        Assert.Equal(path + ": no such file", e.Message);
        Assert.Equal(0, e.Line);
    }

    [Fact]
    public void ParseExpression_OneExpression_Parses()
    {
        var e = WorkloadParser.ParseExpression("heap + 2*4K");
        Assert.Equal(8192 + 100, WorkloadEvaluator.Evaluate(e, new Dictionary<string, long> { ["heap"] = 100 }));
    }

    [Theory]
    [InlineData("repeat 3", true)]
    [InlineData("repeat 3\n  read heap", true)]
    [InlineData("for i in 0..2\n  if child\n  else", true)]
    [InlineData("repeat 3\n  read heap\nend", false)]
    [InlineData("read heap", false)]
    [InlineData("repeat", false)]
    [InlineData("end", false)]
    public void IsIncomplete_OpenBlock_AsksForMoreLines(string text, bool expected) =>
        Assert.Equal(expected, WorkloadParser.IsIncomplete(text));
}
