using VmQuest.Engine.Formats;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Play.Translate;
using VmQuest.Rules;

namespace VmQuest.Tests.Game.Play.Translate;

/// <summary>The rules of translating by hand on the shipped level translate-walk (x86-64, a 4-entry direct-mapped TLB).</summary>
public class TranslateSessionTests
{
    internal static Level Walk() => LevelResolver.Resolve(Path.Combine(ShippedLevels.Directory, "translate", "walk.yaml"));

    /// <summary>A session waiting at translation <paramref name="tick"/>, every earlier one answered as the reference does.</summary>
    internal static TranslateSession At(long tick)
    {
        var session = new TranslateSession(Walk());
        session.Run();
        while (session.Tick < tick)
        {
            AnswerOptimally(session);
            session.Run();
        }

        return session;
    }

    internal static void AnswerOptimally(TranslateSession session)
    {
        var t = session.Pending!;
        if (t.TlbAnswer is { } cached)
        {
            Assert.Null(session.AnswerPhysical(cached));
            return;
        }

        WalkToTheEnd(session);
        Assert.Null(t.FaultWord is { } fault ? session.AnswerFault(fault) : session.AnswerPhysical(t.Outcome.PhysicalAddress));
    }

    internal static void WalkToTheEnd(TranslateSession session)
    {
        var t = session.Pending!;
        while (!t.WalkComplete)
        {
            Assert.Null(session.ReadEntry(t.EntriesRead, t.Steps[t.EntriesRead].Index));
        }
    }

    [Fact]
    public void Run_FirstAccess_WaitsWithTheMmusWalkOfTheFetch()
    {
        var session = At(0);

        var t = Assert.IsType<PendingTranslation>(session.Pending);
        Assert.True(session.IsWaiting);
        Assert.Equal((0x40_0000UL, AccessKind.Execute, 1), (t.VirtualAddress, t.Access, t.Line));
        // A fresh process: its PGD is empty, so the walk stops at level 0.
        Assert.Equal(FaultKind.NotPresent, t.Outcome.Fault);
        Assert.Single(t.Steps);
        Assert.Null(t.TlbAnswer);
        Assert.Equal(FaultWords.NotPresent, t.FaultWord);
    }

    [Fact]
    public void AnswerPhysical_TlbHoldsThePage_IsAcceptedInOneAction()
    {
        var session = At(1);
        var t = session.Pending!;
        var actions = session.Actions;

        Assert.Equal(0x1040UL, t.TlbAnswer);
        Assert.Null(session.AnswerPhysical(0x1040));
        Assert.Equal(actions + 1, session.Actions);
        session.Run();
        Assert.Equal(2, session.Tick);
    }

    [Fact]
    public void AnswerPhysical_TlbHasNoEntry_SaysTheMmuMustWalk()
    {
        var session = At(2);

        var why = session.AnswerPhysical(0x5000);

        Assert.Equal("the TLB has no entry for page 0x402 that allows this read, so the MMU must walk the tables: start at CR3 with the level 0 (PGD) entry", why);
        Assert.Equal(1, session.Mistakes);
    }

    [Fact]
    public void ReadEntry_IndexOfAnotherLevel_NamesWhichBitsIndexThisOne()
    {
        var session = At(2);
        var t = session.Pending!;
        Assert.Null(session.ReadEntry(0, 0));
        Assert.Null(session.ReadEntry(1, 0));

        // 0x402000: bits 21–29 are 2 (the PMD index), bits 12–20 are 2 as well; 0 is the PGD's and PUD's index.
        var why = session.ReadEntry(2, 0);

        Assert.Equal("0 is bits 39–47 of 0x402000, the level 0 (PGD) index; the level 2 (PMD) table is indexed by bits 21–29, which are 2: each level takes 9 bits above the 12-bit offset", why);
        Assert.Equal(2, t.EntriesRead);
    }

    [Fact]
    public void ReadEntry_IndexOfNoLevel_ShowsTheBitsInBinary()
    {
        var session = At(5);

        var why = session.ReadEntry(0, 254);

        Assert.Equal("bits 39–47 of 0x7fffffffef00 are 255 (0b011111111), not 254: the level 0 (PGD) table is indexed by those bits, because each level takes 9 bits above the 12-bit offset", why);
    }

    [Fact]
    public void ReadEntry_IndexTooLarge_SaysHowManyEntriesATableHas()
    {
        var why = At(0).ReadEntry(0, 512);

        Assert.StartsWith("index 512 does not fit: a PGD table has 512 entries, indexed by the 9 bits 39–47", why);
    }

    [Fact]
    public void ReadEntry_WholeVirtualPageNumber_SaysEachTableTakesItsOwnSlice()
    {
        var session = At(2);
        WalkTo(session, 3);

        var why = session.ReadEntry(3, 0x402);

        Assert.StartsWith("1026 is the whole virtual page number; each table is indexed by its own slice of it: bits 12–20 of 0x402000 are 2", why);
    }

    [Fact]
    public void ReadEntry_SkippingALevel_SaysTheWalkGoesOneTableAtATime()
    {
        var session = At(2);
        Assert.Null(session.ReadEntry(0, 0));

        var why = session.ReadEntry(2, 2);

        Assert.Equal("the walk reads one table at a time: the level 1 (PUD) table is the one the level-0 entry points to (frame 0x2); read its entry before any lower level", why);
    }

    [Fact]
    public void ReadEntry_NotStartingAtTheRoot_SaysWhereTheWalkStarts()
    {
        var why = At(2).ReadEntry(3, 2);

        Assert.StartsWith("the walk starts at the root: the level 0 (PGD) table that CR3 points to (frame 0x", why);
    }

    [Fact]
    public void ReadEntry_LevelAlreadyRead_SaysWhereTheWalkIs()
    {
        var session = At(2);
        Assert.Null(session.ReadEntry(0, 0));
        Assert.Null(session.ReadEntry(1, 0));

        Assert.Equal("the level 0 (PGD) entry is read already (index 0); the walk goes down one level at a time and is at level 2 now", session.ReadEntry(0, 0));
    }

    [Fact]
    public void ReadEntry_AfterANotPresentEntry_SaysTheWalkStopsThere()
    {
        var session = At(0);
        Assert.Null(session.ReadEntry(0, 0));

        Assert.Equal("the level-0 entry is not present (P=0): there is no lower table to read, the walk stops here with a page fault", session.ReadEntry(1, 0));
    }

    [Fact]
    public void ReadEntry_AfterTheLeaf_SaysAnswerNow()
    {
        var session = At(6);
        WalkToTheEnd(session);

        Assert.StartsWith("the level-3 entry is the leaf: it maps the page itself (frame 0x5), so the walk is over", session.ReadEntry(3, 2));
    }

    [Fact]
    public void AnswerFault_BeforeTheWalkStops_SaysReadTheNextEntry()
    {
        var session = At(2);
        Assert.Null(session.ReadEntry(0, 0));

        Assert.Equal("the walk is not over: the level-0 entry is present and points to the level 1 (PUD) table (frame 0x2); read its entry next (a fault is raised only by an entry that is not present or a leaf that forbids the access)",
            session.AnswerFault(FaultWords.NotPresent));
    }

    [Fact]
    public void AnswerFault_TlbHoldsThePage_SaysItTranslates()
    {
        Assert.StartsWith("the TLB holds page 0x400 (it maps to 0x1000) and allows this instruction fetch", At(1).AnswerFault(FaultWords.NotPresent));
    }

    [Fact]
    public void AnswerFault_AccessTranslates_SaysItDoesNotFault()
    {
        var session = At(6);
        WalkToTheEnd(session);

        Assert.Equal("the leaf entry is present and allows this read: the access translates to a physical address, it does not fault", session.AnswerFault(FaultWords.NotPresent));
    }

    [Fact]
    public void AnswerFault_WriteToTheStringLiteral_IsAProtectionFaultNotAMissingPage()
    {
        var session = At(8);
        WalkToTheEnd(session);

        Assert.Equal("not a not-present fault: the page is present but not writable (W=0 on the walk): a write raises a protection fault (P=1 in the error code)",
            session.AnswerFault(FaultWords.NotPresent));
        Assert.Equal("this write faults, there is no physical address: the page is present but not writable (W=0 on the walk): a write raises a protection fault (P=1 in the error code)",
            session.AnswerPhysical(0x5000));
        Assert.Null(session.AnswerFault(FaultWords.Protection));
        session.Run();
        Assert.True(session.IsWon);
    }

    [Fact]
    public void AnswerPhysical_WrongOffset_SaysTheOffsetIsKept()
    {
        var session = At(6);
        WalkToTheEnd(session);

        Assert.Equal("the frame is right but the offset is not: the low 12 bits of the address, 0x5, are kept as they are, so the physical address is 0x5000 + 0x5 = 0x5005",
            session.AnswerPhysical(0x5000));
    }

    [Fact]
    public void AnswerPhysical_TheVirtualAddress_SaysWhereThePageIsInPhysicalMemory()
    {
        var session = At(6);
        WalkToTheEnd(session);

        Assert.Equal("that is the virtual address: the leaf (level 3) maps frame 0x5, so the page starts at 0x5000 in physical memory and the address is 0x5000 + offset 0x5 = 0x5005",
            session.AnswerPhysical(0x402005));
    }

    [Fact]
    public void AnswerPhysical_WrongFrame_GivesTheLeafsFrame()
    {
        var session = At(6);
        WalkToTheEnd(session);

        Assert.StartsWith("the leaf (level 3) maps frame 0x5, so the page starts at 0x5000", session.AnswerPhysical(0x4005));
    }

    [Fact]
    public void Act_UnknownKindOrMalformedArguments_IsAMistakeThatSaysTheActions()
    {
        var session = At(0);

        Assert.Equal("'victim' is not an action of this level (its actions: entry level=L index=N, physical pa=0x…, fault kind=K)", session.Act("victim", [new("frame", "1")]));
        Assert.Equal("an entry action takes level=L (0 to 3, from the root) and index=N (decimal)", session.Act("entry", [new("level", "9"), new("index", "0")]));
        Assert.Equal("a physical action takes one argument, pa=0x… (the physical address in hex)", session.Act("physical", [new("pa", "4096")]));
        Assert.Equal("a fault action takes one argument, kind=K, one of: not-present, protection, out-of-range, reserved", session.AnswerFault("segfault"));
        Assert.Equal(4, session.Mistakes);
        Assert.Equal(["mistake", "mistake", "mistake", "mistake"], session.AppliedActions.Select(a => a.Kind));
    }

    [Fact]
    public void Refusal_ChangesNothingButTheMistakes()
    {
        var session = At(3);
        var before = (StateHash.Of(session.Kernel), session.Actions, session.Tick, session.Pending!.EntriesRead, session.Metric(MetricKind.Cycles));

        Assert.NotNull(session.ReadEntry(0, 7));
        Assert.NotNull(session.AnswerPhysical(0x6000));

        Assert.Equal(before, (StateHash.Of(session.Kernel), session.Actions, session.Tick, session.Pending!.EntriesRead, session.Metric(MetricKind.Cycles)));
        Assert.Equal(2, session.Mistakes);
    }

    [Fact]
    public void ReadEntry_EachEntryRead_CostsAWalkMemoryReference()
    {
        var session = At(2);
        var cycles = session.Metric(MetricKind.Cycles);

        Assert.Null(session.ReadEntry(0, 0));

        Assert.Equal(cycles + session.Kernel.Machine.Description.Costs.WalkMemoryReference, session.Metric(MetricKind.Cycles));
    }

    [Fact]
    public void Probe_WalkThatSetsTheAccessedBit_LeavesMemoryAsItWas()
    {
        var session = At(6);
        var machine = session.Kernel.Machine;
        var leaf = session.Pending!.Steps[^1];
        var accessed = machine.Description.Pte.AccessedMask;
        machine.Memory.Write(leaf.EntryAddress, machine.Description.Pte.WidthBytes, leaf.Entry & ~accessed);
        var before = StateHash.Of(session.Kernel);

        var (outcome, steps) = MmuProbe.Walk(machine, session.Pending.VirtualAddress, AccessKind.Read);

        Assert.Equal(0x5005UL, outcome.PhysicalAddress);
        Assert.Equal(4, steps.Count);
        Assert.Equal(before, StateHash.Of(session.Kernel));
        // The hardware walk itself does set it: the probe really had something to put back.
        PageWalker.Walk(machine.Description, machine.Memory, machine.Mmu.Cr3, session.Pending.VirtualAddress, AccessKind.Read, PrivilegeLevel.User);
        Assert.NotEqual(before, StateHash.Of(session.Kernel));
    }

    [Fact]
    public void Reference_MeetsEveryParWithTheComputedOptimum()
    {
        var level = Walk();
        var session = TranslatePlayers.Instance.PlayReference(level);

        Assert.True(session.IsWon);
        Assert.Equal(27, TranslateOptimum.MinActions(level));
        Assert.Equal(27, session.Actions);
        Assert.Equal(0, session.Mistakes);
        Assert.All(level.Metrics, m => Assert.True(session.Metric(m.Kind) <= m.Par, m.Name));
    }

    [Fact]
    public void Default_TextbookWalkOfEveryAddress_MissesTheActionsAndCyclesPars()
    {
        var level = Walk();
        var session = TranslatePlayers.Instance.PlayDefault(level);

        Assert.True(session.IsWon);
        // Three TLB hits walked anyway: 4 entries more each.
        Assert.Equal(39, session.Actions);
        Assert.True(session.Metric(MetricKind.Actions) > level.ParOf(MetricKind.Actions));
        Assert.True(session.Metric(MetricKind.Cycles) > level.ParOf(MetricKind.Cycles));
    }

    [Fact]
    public void Undo_AfterAnEntry_TakesBackThatStepOfTheWalk()
    {
        var play = new LevelPlay(Walk());
        play.Session.Run();
        Assert.Null(play.Act(TranslateSession.EntryKind, [new("level", "0"), new("index", "0")]));
        Assert.Null(play.Act(TranslateSession.FaultKind, [new("kind", FaultWords.NotPresent)]));
        play.Session.Run();
        Assert.Null(play.Act(TranslateSession.PhysicalKind, [new("pa", "0x1040")]));
        play.Session.Run();
        Assert.Null(play.Act(TranslateSession.EntryKind, [new("level", "0"), new("index", "0")]));

        Assert.True(play.Undo());
        var session = Assert.IsType<TranslateSession>(play.Session);
        Assert.Equal((2L, 0), (session.Tick, session.Pending!.EntriesRead));

        play.RewindTo(1);
        play.Session.Run();
        Assert.Equal(1, play.Session.Tick);
        Assert.Equal(0x400040UL, ((TranslateSession)play.Session).Pending!.VirtualAddress);
    }

    [Fact]
    public void Create_TranslateLevel_IsATranslateSessionWithTranslatePlayers()
    {
        var level = Walk();

        Assert.IsType<TranslateSession>(LevelSessions.Create(level));
        Assert.IsType<TranslatePlayers>(LevelSessions.PlayersOf(level));
    }

    [Fact]
    public void Create_TwoProcesses_IsRefusedInOneLine()
    {
        var level = Walk();
        var twice = level with { Processes = [level.Processes[0], level.Processes[0] with { Name = "other" }] };

        var e = Assert.Throws<FormatParseException>(() => new TranslateSession(twice));

        Assert.Contains("a translate level runs exactly one workload process (program or program-file) and no traces", e.Message);
    }

    [Fact]
    public void Create_MetricItCannotMeasure_SaysWhatItMeasures()
    {
        var level = Walk();
        var other = level with { Metrics = [new LevelMetric(MetricKind.PeakFrames, 3), .. level.Metrics.Skip(1)] };

        var e = Assert.Throws<FormatParseException>(() => new TranslateSession(other));

        Assert.Contains("metric 'peak-frames' cannot be measured on a translate level (it measures: cycles, faults, tlb-misses, mistakes, actions)", e.Message);
    }

    [Fact]
    public void Create_OtherGoal_SaysItsGoalIsTranslations()
    {
        var level = Walk();

        var e = Assert.Throws<FormatParseException>(() => new TranslateSession(level with { Goals = [new AllProcessesExitGoal(0)] }));

        Assert.Contains("cannot be checked on a translate level (its goal: translations)", e.Message);
    }

    [Fact]
    public void Create_TeachingMachineTooSmallForAProcess_SaysWhy()
    {
        var sample = VmQuest.Tests.Game.Levels.LevelSamples.Load("translate");

        var e = Assert.Throws<FormatParseException>(() => new TranslateSession(sample));

        Assert.Contains("the machine must translate 48-bit addresses", e.Message);
    }

    [Fact]
    public void Run_ProgramThatForks_IsRefusedAtTheForkLine()
    {
        var level = Walk();
        var program = VmQuest.Engine.Kernel.Workloads.WorkloadParser.Parse("malloc buf 4K\nfork\nread buf\n", "forks.vmw");
        var forking = level with { Processes = [level.Processes[0] with { Program = program }] };
        var session = new TranslateSession(forking);

        var e = Assert.Throws<FormatParseException>(() => session.Run());

        Assert.Contains("line 2: a translate level's program may not fork or exec", e.Message);
    }

    [Fact]
    public void Run_AccessAcrossAPageBoundary_TranslatesItsFirstPage()
    {
        var level = Walk();
        var program = VmQuest.Engine.Kernel.Workloads.WorkloadParser.Parse("malloc buf 8K\nwrite buf + 4K - 4 = 1\nread buf + 4K - 4\n", "cross.vmw");
        var session = new TranslateSession(level with { Processes = [level.Processes[0] with { Program = program }], Goals = [new TranslationsGoal(2)] });

        TranslatePlayers.PlayToEnd(session, useTlb: true);

        Assert.True(session.IsWon);
    }

    [Fact]
    public void Run_ProgramEndsBeforeTheGoal_FailsSayingHowManyWereDone()
    {
        var level = Walk();
        var session = new TranslateSession(level with { Goals = [new TranslationsGoal(10)] });
        TranslatePlayers.PlayToEnd(session, useTlb: true);

        Assert.True(session.IsFinished);
        Assert.False(session.IsWon);
        Assert.Equal("the program ended after 9 translations, but the level needs 10", session.Failure);
    }

    [Fact]
    public void LastRefusalIn_Chinese_TeachesTheSameLessonInChineseAndKeepsTheEnglish()
    {
        var session = At(2);
        Assert.Null(session.ReadEntry(0, 0));
        Assert.Null(session.ReadEntry(1, 0));

        var why = session.ReadEntry(2, 0);

        Assert.Equal("0 is bits 39–47 of 0x402000, the level 0 (PGD) index; the level 2 (PMD) table is indexed by bits 21–29, which are 2: each level takes 9 bits above the 12-bit offset", why);
        Assert.Equal(why, session.LastRefusal);
        Assert.Equal(why, session.LastRefusalIn("en"));
        Assert.Equal("0 是 0x402000 的第 39–47 位，即第 0 级（PGD）的索引；第 2 级（PMD）页表由第 21–29 位索引，它们是 2：每一级取 12 位偏移之上的 9 位", session.LastRefusalIn("zh-Hans"));
    }

    [Fact]
    public void LastRefusalIn_Chinese_EveryKindOfRefusalHasItsTranslation()
    {
        var session = At(2);
        void Refused(string? why)
        {
            Assert.NotNull(why);
            Assert.Equal(why, session.LastRefusal);
            Assert.Equal(why, session.LastRefusalIn("en"));
            var zh = session.LastRefusalIn("zh-Hans");
            Assert.NotEqual(why, zh);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zh);
        }

        Refused(session.AnswerPhysical(0x5000));
        Refused(session.AnswerFault(FaultWords.Protection));
        Refused(session.ReadEntry(1, 0));
        Refused(session.ReadEntry(0, 512));
        Refused(session.ReadEntry(9, 0));
        Refused(session.AnswerFault("sideways"));
        Refused(session.Act("jump", []));

        WalkToTheEnd(session);
        var t = session.Pending!;
        Refused(session.ReadEntry(0, 0));
        if (t.Outcome.IsOk)
        {
            Refused(session.AnswerPhysical(t.Outcome.PhysicalAddress + 1));
            Refused(session.AnswerPhysical(t.VirtualAddress));
            Refused(session.AnswerFault(FaultWords.NotPresent));
            Assert.StartsWith("叶子页表项存在，并且允许这次读访问", session.LastRefusalIn("zh-Hans"));
        }
        else
        {
            Refused(session.AnswerPhysical(0x1000));
            Refused(session.AnswerFault(FaultWords.All.First(w => w != t.FaultWord)));
        }

    }

    [Fact]
    public void FailureIn_Chinese_SaysHowManyWereDoneInChinese()
    {
        var level = Walk();
        var session = new TranslateSession(level with { Goals = [new TranslationsGoal(10)] });
        TranslatePlayers.PlayToEnd(session, useTlb: true);

        Assert.Equal("the program ended after 9 translations, but the level needs 10", session.Failure);
        Assert.Equal(session.Failure, session.FailureIn("en"));
        Assert.Equal("程序在 9 次翻译后就结束了，但本关需要 10 次", session.FailureIn("zh-Hans"));
    }

    private static void WalkTo(TranslateSession session, int level)
    {
        var t = session.Pending!;
        while (t.EntriesRead < level)
        {
            Assert.Null(session.ReadEntry(t.EntriesRead, t.Steps[t.EntriesRead].Index));
        }
    }
}
