using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Workloads;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Play.Permissions;

namespace VmQuest.Tests.Game.Play.Permissions;

public class PermissionsSessionTests
{
    private static PermissionsSession Waiting()
    {
        var session = new PermissionsSession(PermissionsLevels.LeastPrivilege());
        session.Run();
        return session;
    }

    private static PermissionsSession AtFirstRequest()
    {
        var session = Waiting();
        Assert.Null(session.StartRun());
        session.Run();
        return session;
    }

    [Fact]
    public void Run_BeforeTheStart_WaitsAtTickZeroWithEveryImage()
    {
        var session = Waiting();

        Assert.True(session.IsWaiting);
        Assert.False(session.IsRunning);
        Assert.Equal(0, session.Tick);
        Assert.Equal(["server", "literal", "smasher", "injector", "viewer"], session.Pids.Keys);
        var server = session.VmasOf("server");
        Assert.Equal(WorkloadImage.TextStart, server[0].Start);
        Assert.Equal(VmaPermissions.ReadExecute, server[0].Permissions);
        Assert.Equal(VmaPermissions.ReadWrite, server[^1].Permissions);
    }

    [Fact]
    public void StartRun_FirstMmap_WaitsWithTheRequestAndItsLine()
    {
        var session = AtFirstRequest();

        Assert.True(session.IsWaiting);
        var pending = Assert.IsType<PermissionRequest>(session.Pending);
        Assert.Equal("server", pending.Process);
        Assert.Equal(VmaPermissions.ReadWrite, pending.Requested);
        Assert.Equal(4, pending.Line);
        Assert.Equal(4096UL, pending.Length);
    }

    [Fact]
    public void Grant_MoreThanAsked_IsRefusedWithWhyAndCountedAsMistake()
    {
        var session = AtFirstRequest();
        var tick = session.Tick;

        var why = session.Grant(VmaPermissions.ReadWrite | VmaPermissions.Execute);

        Assert.Equal("server asked for rw-: the kernel never grants more than a program asks for, so --x cannot be added", why);
        Assert.Equal(1, session.Mistakes);
        Assert.Equal(tick, session.Tick);
        Assert.NotNull(session.Pending);
        Assert.Equal("mistake", session.AppliedActions[^1].Kind);
    }

    [Fact]
    public void Grant_MoreThanAsked_IsExplainedInChineseWithTheEnglishUnchanged()
    {
        var session = AtFirstRequest();

        var why = session.Grant(VmaPermissions.ReadWrite | VmaPermissions.Execute);

        const string English = "server asked for rw-: the kernel never grants more than a program asks for, so --x cannot be added";
        Assert.Equal(English, why);
        Assert.Equal(English, session.LastRefusal);
        Assert.Equal(English, session.LastRefusalIn("en"));
        Assert.Equal("server 请求的是 rw-：内核授予的权限从不超过程序请求的，所以不能加上 --x", session.LastRefusalIn("zh-Hans"));
    }

    [Fact]
    public void Grant_BeforeTheRun_IsRefused()
    {
        var why = Waiting().Grant(VmaPermissions.Read);

        Assert.Equal("no process is asking for a mapping yet: first start the programs with run", why);
    }

    [Fact]
    public void Grant_MalformedPermissions_IsRefusedSayingTheSpelling()
    {
        var session = AtFirstRequest();

        var why = session.Act("grant", [new("perms", "rwz")]);

        Assert.Equal("a grant action takes perms=rwx: " + PermissionText.Expected, why);
    }

    [Fact]
    public void Run_Twice_IsRefused()
    {
        var session = AtFirstRequest();

        Assert.Equal("the programs are already running: answer the pending request with grant perms=rwx", session.StartRun());
    }

    [Fact]
    public void Protect_WhileRunning_IsRefused()
    {
        var session = AtFirstRequest();

        var why = session.Protect("server", WorkloadImage.TextStart, VmaPermissions.Read);

        Assert.StartsWith("the programs are running: a VMA's permissions are set before the run", why);
    }

    [Theory]
    [InlineData("nobody", "0x400000", "r--", "there is no process 'nobody' in this level (its processes: server, literal, smasher, injector, viewer)")]
    [InlineData("server", "400000", "r--", "vma=400000 is not an address: expected 0x and hex digits, the start of one of server's VMAs")]
    [InlineData("server", "0x401000", "r--", "server has no VMA starting at 0x401000: permissions belong to whole VMAs, named by their first address")]
    [InlineData("server", "0x400000", "rx", "perms=rx is not a permission: expected " + PermissionText.Expected)]
    public void Protect_BadArguments_IsRefusedWithWhy(string process, string vma, string perms, string expected)
    {
        var session = Waiting();

        var why = session.Act("protect", [new("process", process), new("vma", vma), new("perms", perms)]);

        Assert.Equal(expected, why);
        Assert.Equal(1, session.Mistakes);
    }

    [Fact]
    public void Create_LevelWithAnElfProcess_IsRefusedInOneLine()
    {
        var level = PermissionsLevels.LeastPrivilege();
        var elf = VmQuest.Tests.Game.Play.ElfLayout.ElfLayoutSessionTests.Greet().Processes[0];

        var e = Assert.Throws<VmQuest.Engine.Formats.FormatParseException>(() => new PermissionsSession(level with { Processes = [.. level.Processes, elf] }));

        Assert.Contains("a permissions level runs workload processes only (no traces, no elf processes)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Act_UnknownKind_NamesTheLevelsActions()
    {
        Assert.StartsWith("'victim' is not an action of this level (its actions: protect", Waiting().Act("victim", [new("frame", "1")]));
    }

    [Fact]
    public void Protect_ExecutableStack_LetsTheStackAttackThroughAndExplainsNx()
    {
        var session = Waiting();
        var stack = session.VmasOf("smasher")[^1];

        Assert.Null(session.Protect("smasher", stack.Start, VmaPermissions.ReadWrite | VmaPermissions.Execute));
        Assert.Equal(VmaPermissions.ReadWrite | VmaPermissions.Execute, session.VmasOf("smasher")[^1].Permissions);
        PlayGrants(session, _ => null);

        Assert.True(session.IsFinished);
        Assert.StartsWith("the attack succeeded: smasher's line 4 (fetch 0x", session.Failure);
        Assert.Contains("because its mapping is rwx; a page that is both writable and executable runs whatever was written into it", session.Failure);
    }

    [Fact]
    public void Protect_ExecutableStack_ExplainsTheFailureInChineseWithTheEnglishUnchanged()
    {
        var session = Waiting();
        var stack = session.VmasOf("smasher")[^1];
        Assert.Null(session.Protect("smasher", stack.Start, VmaPermissions.ReadWrite | VmaPermissions.Execute));
        PlayGrants(session, _ => null);

        Assert.True(session.IsFinished);
        Assert.StartsWith("the attack succeeded: smasher's line 4 (fetch 0x", session.Failure);
        Assert.Equal(session.Failure, session.FailureIn("en"));
        var zh = session.FailureIn("zh-Hans");
        Assert.StartsWith("攻击成功了：smasher 的第 4 行（fetch 0x", zh);
        Assert.EndsWith("因为它的映射是 rwx；既可写又可执行的页会执行写进去的任何东西：一个映射不能同时有 w 和 x（W^X，即 NX 位）", zh);
    }

    [Fact]
    public void Protect_BadPermissions_IsExplainedInChinese()
    {
        var session = Waiting();

        var why = session.Act("protect", [new("process", "nobody"), new("vma", "0x400000"), new("perms", "r--")]);

        Assert.Equal("there is no process 'nobody' in this level (its processes: server, literal, smasher, injector, viewer)", session.LastRefusal);
        Assert.Equal(why, session.LastRefusal);
        Assert.Equal("本关没有进程“nobody”（本关的进程：server、literal、smasher、injector、viewer）", session.LastRefusalIn("zh-Hans"));
    }

    [Fact]
    public void Protect_WritableRodata_LetsTheStringLiteralWriteThrough()
    {
        var session = Waiting();
        var rodata = session.VmasOf("literal")[1];

        Assert.Null(session.Protect("literal", rodata.Start, VmaPermissions.ReadWrite));
        PlayGrants(session, _ => null);

        Assert.StartsWith("the attack succeeded: literal's line 4 (write 0x402000) went through because its mapping is rw-; a page that is writable", session.Failure);
    }

    [Fact]
    public void Grant_TooLittleForTheServer_KillsItAndSaysSo()
    {
        var session = AtFirstRequest();
        // The server writes its board: read-only makes its own notice a protection fault.
        PlayGrants(session, r => r.Process == "server" ? VmaPermissions.Read : null);

        Assert.True(session.IsFinished);
        Assert.StartsWith("server must complete, but it was killed by SIGSEGV at line 6 (write 0x", session.Failure);
        Assert.EndsWith("grant each mapping what the program itself does there", session.Failure);
    }

    [Fact]
    public void Grant_NothingToTheViewer_StopsItBeforeItsAttackLine()
    {
        var session = AtFirstRequest();
        PlayGrants(session, r => r.Process == "viewer" ? VmaPermissions.None : r.Process == "injector" ? VmaPermissions.ReadWrite : null);

        Assert.StartsWith("viewer was stopped at line 4 (read 0x", session.Failure);
        Assert.EndsWith("before its attack at line 5: the attack must be what fails, so grant what the lines before it need", session.Failure);
    }

    [Fact]
    public void Reference_LeastPrivilege_WinsWithFiveActionsAndNoMistake()
    {
        var level = PermissionsLevels.LeastPrivilege();
        var session = (PermissionsSession)PermissionsPlayers.Instance.PlayReference(level);

        Assert.True(session.IsWon, session.Failure);
        Assert.Equal(5, session.Metric(MetricKind.Actions));
        Assert.Equal(0, session.Metric(MetricKind.Mistakes));
        Assert.Equal(
            [("server", "rw-", "rw-"), ("server", "rwx", "rw-"), ("injector", "rwx", "rw-"), ("viewer", "rw-", "r--")],
            session.Grants.Select(g => (g.Process, PermissionText.Format(g.Requested), PermissionText.Format(g.Granted))));
        Assert.Equal((0, 0), session.OutcomeOf("server"));
        foreach (var attacker in new[] { "literal", "smasher", "injector", "viewer" })
        {
            Assert.Equal(11, session.OutcomeOf(attacker)!.Value.Signal);
        }
    }

    [Fact]
    public void Default_GrantingWhatIsAsked_LetsTheInjectedCodeRunAndMissesAPar()
    {
        var level = PermissionsLevels.LeastPrivilege();
        var session = PermissionsPlayers.Instance.PlayDefault(level);

        Assert.True(session.IsFinished);
        Assert.False(session.IsWon);
        Assert.StartsWith("the attack succeeded: injector's line 5 (fetch 0x", session.Failure);
        Assert.True(session.Metric(MetricKind.Faults) > level.ParOf(MetricKind.Faults));
    }

    [Fact]
    public void LeastPrivilege_ShippedLevel_GrantsOnlyWhatEachProgramDoesBeforeItsAttack()
    {
        var needs = PermissionsPlayers.LeastPrivilege(PermissionsLevels.LeastPrivilege());

        Assert.Equal(VmaPermissions.ReadWrite, needs[("server", 0)]);
        Assert.Equal(VmaPermissions.ReadWrite, needs[("server", 1)]);
        Assert.Equal(VmaPermissions.ReadWrite, needs[("injector", 0)]);
        Assert.Equal(VmaPermissions.Read, needs[("viewer", 0)]);
    }

    [Fact]
    public void Replay_SameActions_GiveTheSameStateHashes()
    {
        var level = PermissionsLevels.LeastPrivilege();
        var first = PermissionsPlayers.Instance.PlayReference(level);
        var second = LevelSessions.Create(level);
        foreach (var action in first.AppliedActions)
        {
            Assert.Null(second.Apply(action));
        }

        second.Run();
        Assert.NotEmpty(first.Checkpoints);
        Assert.Equal(first.Checkpoints, second.Checkpoints);
        Assert.Equal(first.Metrics(), second.Metrics());
    }

    [Fact]
    public void Grant_AnyChoices_NeverGivesAMappingMoreThanAskedAndStaysDeterministic()
    {
        var property = Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(0, 7), 6).ToArbitrary(),
            choices =>
            {
                PermissionsSession Play()
                {
                    var session = AtFirstRequest();
                    var next = 0;
                    PlayGrants(session, r => (VmaPermissions)choices[next++ % choices.Length] & r.Requested);
                    return session;
                }

                var (a, b) = (Play(), Play());
                return a.IsFinished && a.Checkpoints.SequenceEqual(b.Checkpoints)
                    && a.Grants.All(g => (g.Granted & ~g.Requested) == 0 && a.Mistakes == 0);
            });
        property.QuickCheckThrowOnFailure();
    }

    // Answers every request until the run ends: the choice, or what was asked when it returns null.
    private static void PlayGrants(PermissionsSession session, Func<PermissionRequest, VmaPermissions?> choose)
    {
        if (!session.IsRunning)
        {
            Assert.Null(session.StartRun());
        }

        session.Run();
        while (!session.IsFinished && session.Pending is { } request)
        {
            Assert.Null(session.Grant(choose(request) ?? request.Requested));
            session.Run();
        }
    }
}
