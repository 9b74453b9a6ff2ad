using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

public class WorkloadCursorTests
{
    private const long Heap = 0x55_0000;
    private const long Stack = 0x7ffd_0000;
    private const long Text = 0x40_0000;

    private static readonly Dictionary<string, long> RegionValues = new()
    {
        ["heap"] = Heap,
        ["stack"] = Stack,
        ["text"] = Text,
        ["data"] = 0x60_0000,
        ["bss"] = 0x61_0000,
        ["mmap"] = 0x7f00_0000,
    };

    private static bool Regions(string name, out long value) => RegionValues.TryGetValue(name, out value);

    private static WorkloadCursor Cursor(string text) => new(WorkloadParser.Parse(text, "c.vmw"));

    /// <summary>Runs to the exit, binding malloc/mmap names to fake addresses 0x1000_0000, 0x1001_0000, ….</summary>
    private static List<WorkloadAction> RunAll(WorkloadCursor cursor, int limit = 10_000)
    {
        var actions = new List<WorkloadAction>();
        long nextAddress = 0x1000_0000;
        while (!cursor.IsFinished && actions.Count < limit)
        {
            var action = cursor.Next(Regions);
            actions.Add(action);
            if (action is MallocAction m)
            {
                cursor.Bind(m.Name, nextAddress);
                nextAddress += 0x1_0000;
            }
            else if (action is MmapAction mm)
            {
                cursor.Bind(mm.Name, nextAddress);
                nextAddress += 0x1_0000;
            }
        }

        return actions;
    }

    private static SourcePosition P(int line, int column) => new(line, column);

    [Fact]
    public void Next_Accesses_EvaluateAddressesAndValues()
    {
        var actions = RunAll(Cursor("read heap + 8\nwrite stack - 16 = 7 * 6\nfetch text\ntouch heap"));
        Assert.Equal(
            [
                new MemoryAccessAction(P(1, 1), AccessKind.Read, Heap + 8, null),
                new MemoryAccessAction(P(2, 1), AccessKind.Write, Stack - 16, 42),
                new MemoryAccessAction(P(3, 1), AccessKind.Fetch, Text, null),
                new MemoryAccessAction(P(4, 1), AccessKind.Read, Heap, null),
                new ExitAction(default, 0, Implicit: true),
            ],
            actions);
    }

    [Fact]
    public void Next_EveryStatementKind_GivesItsAction()
    {
        const string text = """
            malloc buf 100
            write buf + 4 = 1
            free buf
            brk heap + 8K
            sbrk -4K
            mmap m 2 * 4K read shared file /data/f offset 4K
            read mmap
            munmap m 4K
            mprotect m + 4K 4K none
            yield
            sleep 500
            wait
            exec /bin/true a b
            exit 257
            read heap
            """;
        var actions = RunAll(Cursor(text));
        long buf = 0x1000_0000, m = 0x1001_0000;
        Assert.Equal(
            [
                new MallocAction(P(1, 1), "buf", 100),
                new MemoryAccessAction(P(2, 1), AccessKind.Write, buf + 4, 1),
                new FreeAction(P(3, 1), "buf", buf),
                new BrkAction(P(4, 1), Heap + 8192),
                new SbrkAction(P(5, 1), -4096),
                new MmapAction(P(6, 1), "m", 8192, MemoryPerms.Read, true, "/data/f", 4096),
                new MemoryAccessAction(P(7, 1), AccessKind.Read, m, null),
                new MunmapAction(P(8, 1), m, 4096),
                new MprotectAction(P(9, 1), m + 4096, 4096, MemoryPerms.None),
                new YieldAction(P(10, 1)),
                new SleepAction(P(11, 1), 500),
                new WaitAction(P(12, 1)),
                new ExecAction(P(13, 1), "/bin/true", new NodeList<string>(["a", "b"])),
                new ExitAction(P(14, 1), 1, Implicit: false),
            ],
            actions);
    }

    [Fact]
    public void Next_MmapSymbolBeforeAnyMapping_ComesFromResolver()
    {
        var action = Assert.IsType<MemoryAccessAction>(Cursor("read mmap").Next(Regions));
        Assert.Equal(0x7f00_0000, action.Address);
    }

    [Fact]
    public void Next_RepeatLoop_RunsBodyNTimes()
    {
        var actions = RunAll(Cursor("repeat 3\n  read heap\n  write stack\nend\nexit"));
        Assert.Equal(7, actions.Count);
        Assert.Equal(3, actions.Count(a => a is MemoryAccessAction { Kind: AccessKind.Read }));
        Assert.Equal(3, actions.Count(a => a is MemoryAccessAction { Kind: AccessKind.Write }));
    }

    [Fact]
    public void Next_RepeatZero_SkipsBody()
    {
        var actions = RunAll(Cursor("repeat 0\n  read heap\nend\nyield"));
        Assert.IsType<YieldAction>(actions[0]);
    }

    [Fact]
    public void Next_ForLoop_BindsVariableExclusiveBound()
    {
        var actions = RunAll(Cursor("for i in 0..4\n  write heap + i*4096\nend"));
        var addresses = actions.OfType<MemoryAccessAction>().Select(a => a.Address - Heap).ToArray();
        Assert.Equal([0L, 4096, 8192, 12288], addresses);
    }

    [Fact]
    public void Next_ForLoopWithStep_CountsByStep()
    {
        var actions = RunAll(Cursor("for p in 0..10 step 3\n  read p\nend"));
        Assert.Equal([0L, 3, 6, 9], actions.OfType<MemoryAccessAction>().Select(a => a.Address));
    }

    [Fact]
    public void Next_ForLoopNegativeStep_CountsDown()
    {
        var actions = RunAll(Cursor("for p in 3..-1 step -1\n  read p\nend"));
        Assert.Equal([3L, 2, 1, 0], actions.OfType<MemoryAccessAction>().Select(a => a.Address));
    }

    [Fact]
    public void Next_ForLoopEmptyRange_SkipsBody()
    {
        var actions = RunAll(Cursor("for i in 5..5\n  read i\nend"));
        Assert.Equal([new ExitAction(default, 0, true)], actions);
    }

    [Fact]
    public void Next_ForLoopAtTheTopOfTheRange_EndsWithoutOverflow()
    {
        var actions = RunAll(Cursor("for i in 0x7ffffffffffffffd..0x7fffffffffffffff step 2\n  read i\nend"));
        Assert.Equal([0x7ffffffffffffffdL], actions.OfType<MemoryAccessAction>().Select(a => a.Address));
        Assert.IsType<ExitAction>(actions[^1]);
    }

    [Fact]
    public void Next_NestedLoops_InnerSeesOuterVariable()
    {
        var actions = RunAll(Cursor("for i in 0..3\n  for j in 0..i\n    read i*10 + j\n  end\nend"));
        Assert.Equal([10L, 20, 21], actions.OfType<MemoryAccessAction>().Select(a => a.Address));
    }

    [Fact]
    public void Next_LoopBoundsEvaluatedOnceOnEntry()
    {
        var cursor = new WorkloadCursor(WorkloadParser.Parse("for i in 0..n\n read i\nend"), [new("n", 2)]);
        Assert.Equal(0, Assert.IsType<MemoryAccessAction>(cursor.Next(Regions)).Address);
        cursor.Bind("n", 100);
        Assert.Equal(1, Assert.IsType<MemoryAccessAction>(cursor.Next(Regions)).Address);
        Assert.IsType<ExitAction>(cursor.Next(Regions));
    }

    [Fact]
    public void Next_EmptyLoop_YieldsComputeActionsInsteadOfSpinning()
    {
        var cursor = Cursor("repeat 1000000000000\nend\nread heap");
        var action = Assert.IsType<ComputeAction>(cursor.Next(Regions));
        Assert.Equal(WorkloadCursor.MaxControlStepsPerAction, action.ControlSteps);
        Assert.False(cursor.IsFinished);
    }

    [Fact]
    public void Next_AfterExit_Throws()
    {
        var cursor = Cursor("exit 3\nread heap");
        Assert.Equal(new ExitAction(P(1, 1), 3, false), cursor.Next(Regions));
        Assert.True(cursor.IsFinished);
        Assert.Throws<InvalidOperationException>(() => cursor.Next(Regions));
    }

    [Fact]
    public void Next_UnknownSymbol_ThrowsWithPositionAndFinishes()
    {
        var cursor = Cursor("read heap\nwrite hepa + 4");
        cursor.Next(Regions);
        var e = Assert.Throws<WorkloadEvaluationException>(() => cursor.Next(Regions));
        Assert.Equal("c.vmw:2:7: unknown symbol 'hepa'", e.Message);
        Assert.True(cursor.IsFinished);
    }

    [Theory]
    [InlineData("malloc b 0 - n", "c.vmw:1:10: the malloc size must not be negative (it is -5)")]
    [InlineData("repeat 0 - n\nend", "c.vmw:1:8: the repeat count must not be negative (it is -5)")]
    [InlineData("for i in 0..9 step n - 5\nend", "c.vmw:1:20: a loop step must not be 0")]
    [InlineData("sleep -n", "c.vmw:1:7: the sleep time must not be negative (it is -5)")]
    [InlineData("free nothing", "c.vmw:1:1: unknown symbol 'nothing' (free needs a name bound by malloc)")]
    [InlineData("read n * 0x7fffffffffffffff", "c.vmw:1:8: '*' overflows 64-bit arithmetic")]
    public void Next_BadRuntimeValues_ThrowExactMessage(string text, string message)
    {
        var cursor = new WorkloadCursor(WorkloadParser.Parse(text, "c.vmw"), [new("n", 5)]);
        var e = Assert.Throws<WorkloadEvaluationException>(() => cursor.Next(Regions));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Fork_ChildAndParent_TakeTheirBranches()
    {
        const string text = """
            write heap = 1
            fork
            if child
              write heap = 2
              exit 7
            else
              wait
            end
            read heap
            """;
        var parent = Cursor(text);
        Assert.IsType<MemoryAccessAction>(parent.Next(Regions));
        Assert.IsType<ForkAction>(parent.Next(Regions));
        var child = parent.Fork();
        Assert.Equal(ForkRole.Parent, parent.Role);
        Assert.Equal(ForkRole.Child, child.Role);

        Assert.Equal(new MemoryAccessAction(P(4, 3), AccessKind.Write, Heap, 2), child.Next(Regions));
        Assert.Equal(new ExitAction(P(5, 3), 7, false), child.Next(Regions));
        Assert.True(child.IsFinished);

        Assert.Equal(new WaitAction(P(7, 3)), parent.Next(Regions));
        Assert.Equal(new MemoryAccessAction(P(9, 1), AccessKind.Read, Heap, null), parent.Next(Regions));
    }

    [Fact]
    public void Fork_InsideLoop_ChildContinuesTheLoopWithItsOwnState()
    {
        var parent = Cursor("for i in 0..3\n  fork\n  if child\n    read i\n    exit\n  end\nend");
        var children = new List<WorkloadCursor>();
        while (!parent.IsFinished)
        {
            if (parent.Next(Regions) is ForkAction)
            {
                children.Add(parent.Fork());
            }
        }

        Assert.Equal(3, children.Count);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(i, Assert.IsType<MemoryAccessAction>(children[i].Next(Regions)).Address);
            Assert.IsType<ExitAction>(children[i].Next(Regions));
        }
    }

    [Fact]
    public void Fork_BindingsAreCopiedNotShared()
    {
        var parent = Cursor("malloc p 16\nfork\nread p");
        RunUntilFork(parent);
        var child = parent.Fork();
        child.Bind("p", 0x999);
        Assert.Equal(0x1000_0000, Assert.IsType<MemoryAccessAction>(parent.Next(Regions)).Address);
        Assert.Equal(0x999, Assert.IsType<MemoryAccessAction>(child.Next(Regions)).Address);
    }

    [Fact]
    public void Fork_NestedForks_RoleIsTheMostRecentFork()
    {
        var a = Cursor("fork\nfork\nif child\n  read 1\nelse\n  read 2\nend");
        Assert.IsType<ForkAction>(a.Next(Regions));
        var b = a.Fork();
        Assert.IsType<ForkAction>(b.Next(Regions));
        var c = b.Fork();
        Assert.Equal(ForkRole.Parent, b.Role);
        Assert.Equal(ForkRole.Child, c.Role);
        Assert.Equal(2, Assert.IsType<MemoryAccessAction>(b.Next(Regions)).Address);
        Assert.Equal(1, Assert.IsType<MemoryAccessAction>(c.Next(Regions)).Address);
    }

    [Fact]
    public void Fork_WithoutForkAction_Throws()
    {
        var cursor = Cursor("read heap\nfork");
        Assert.Throws<InvalidOperationException>(cursor.Fork);
        cursor.Next(Regions);
        Assert.Throws<InvalidOperationException>(cursor.Fork);
        Assert.IsType<ForkAction>(cursor.Next(Regions));
        cursor.Fork();
        Assert.Throws<InvalidOperationException>(cursor.Fork);
    }

    [Fact]
    public void IfParent_BeforeAnyFork_IsFalse()
    {
        var actions = RunAll(Cursor("if parent\n read 1\nend\nif child\n read 2\nelse\n read 3\nend"));
        Assert.Equal([3L], actions.OfType<MemoryAccessAction>().Select(a => a.Address));
    }

    [Fact]
    public void Clone_RunsIndependentlyAndIdentically()
    {
        var cursor = Cursor("for i in 0..5\n  read heap + i\nend");
        cursor.Next(Regions);
        var copy = cursor.Clone();
        var rest = RunAll(cursor);
        Assert.Equal(rest, RunAll(copy));
        Assert.Equal(cursor.ActionCount, copy.ActionCount);
    }

    [Fact]
    public void Bind_ReservedName_Throws()
    {
        var cursor = Cursor("read heap");
        Assert.Throws<ArgumentException>(() => cursor.Bind("heap", 1));
        Assert.Throws<ArgumentException>(() => cursor.Bind("not a name", 1));
    }

    [Fact]
    public void Bindings_CarryOverBetweenConsolePrograms()
    {
        var first = Cursor("malloc buf 4K");
        RunAll(first);
        var second = new WorkloadCursor(WorkloadParser.Parse("write buf + 1", "<console>"), first.Bindings);
        Assert.Equal(0x1000_0001, Assert.IsType<MemoryAccessAction>(second.Next(Regions)).Address);
    }

    [Fact]
    public void NextPosition_FollowsTheStatementAboutToRun()
    {
        var cursor = Cursor("read heap\n\nwrite heap");
        Assert.Equal(P(1, 1), cursor.NextPosition);
        cursor.Next(Regions);
        Assert.Equal(P(3, 1), cursor.NextPosition);
        cursor.Next(Regions);
        Assert.Equal(default, cursor.NextPosition);
    }

    [Fact]
    public void Evaluate_InCursorScope_SeesLoopVariables()
    {
        var cursor = Cursor("for i in 2..4\n  read heap\nend");
        cursor.Next(Regions);
        Assert.Equal(Heap + (2 * 4096), cursor.Evaluate(WorkloadParser.ParseExpression("heap + i*4K"), Regions));
    }

    [Fact]
    public void Next_SameProgramTwice_GivesSameActions()
    {
        const string text = "malloc a 64\nfor i in 0..20 step 3\n  repeat 2\n    write a + i = i\n  end\nend\nfork\nexit 1";
        Assert.Equal(RunAll(Cursor(text)), RunAll(Cursor(text)));
    }

    private static void RunUntilFork(WorkloadCursor cursor)
    {
        while (true)
        {
            var action = cursor.Next(Regions);
            if (action is MallocAction m)
            {
                cursor.Bind(m.Name, 0x1000_0000);
            }

            if (action is ForkAction)
            {
                return;
            }
        }
    }
}
