using VmQuest.City.Simulation;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Game.City.Simulation;

/// <summary>The player's actions on a sandbox run: fork, kill, console lines — applied between ticks and recorded.</summary>
public sealed class SandboxSessionTests
{
    private static (SandboxSession Session, CitySimulation Simulation) Boot(SandboxSettings? settings = null)
    {
        var session = new SandboxSession(settings ?? new SandboxSettings { Frames = 256, Processes = 1 });
        return (session, new CitySimulation(session));
    }

    [Fact]
    public void Apply_Fork_TheChildRunsItsParentsProgramAndTheActionIsStampedWithItsTick()
    {
        var (session, simulation) = Boot();
        for (var i = 0; i < 10; i++)
        {
            simulation.Tick();
        }

        var note = session.Apply(SandboxVerb.Fork, 1);

        var child = Assert.Single(simulation.Kernel.Pids, p => p != 1);
        Assert.Contains($"pid 1 forked pid {child}", note, StringComparison.Ordinal);
        Assert.Equal([new SandboxAction(10, SandboxVerb.Fork, 1)], session.Actions);
        var before = simulation.Kernel.Info(child).MinorFaults;
        for (var i = 0; i < 60; i++)
        {
            simulation.Tick();
        }

        Assert.True(simulation.Kernel.Info(child).MinorFaults > before, "the child touches its (shared) pages: COW copies, demand faults");
    }

    [Fact]
    public void Apply_Kill_TheProcessEndsAndIsReaped()
    {
        var (session, simulation) = Boot(new SandboxSettings { Frames = 256, Processes = 3 });
        simulation.Tick();
        var victim = simulation.Kernel.Pids[^1];

        Assert.Contains("killed by SIGTERM", session.Apply(SandboxVerb.Kill, victim), StringComparison.Ordinal);
        Assert.Equal(ProcessState.Zombie, simulation.Kernel.Info(victim).State);
        Assert.Equal(SandboxSession.SigTerm, simulation.Kernel.Info(victim).KilledBy);
        simulation.Tick();
        Assert.DoesNotContain(victim, simulation.Kernel.Pids);
    }

    [Fact]
    public void Apply_NoSuchProcess_SaysSoAndRecordsNothing()
    {
        var (session, _) = Boot();

        Assert.Equal("pid 77 has ended", session.Apply(SandboxVerb.Kill, 77));
        Assert.StartsWith("select a process first", session.Apply(SandboxVerb.Fork, 0), StringComparison.Ordinal);
        Assert.Empty(session.Actions);
    }

    [Fact]
    public void Apply_ForkAWorkload_TheChildContinuesTheSameProgram()
    {
        var program = WorkloadParser.Parse("malloc a 8K\nrepeat 50\n  write a = 1\nend\nexit 0\n", "loop.vmw");
        var (session, simulation) = Boot(new SandboxSettings { Frames = 256, Workloads = [program] });
        simulation.Tick();
        simulation.Tick();

        session.Apply(SandboxVerb.Fork, 1);

        var runner = ((WorkloadSandbox)session.Inner).Runner;
        Assert.Equal(2, runner.RunningPids.Count);
        for (var i = 0; i < 200 && !simulation.Finished; i++)
        {
            simulation.Tick();
        }

        Assert.True(simulation.Finished);
        Assert.Equal(2, runner.Exited.Count);
        Assert.All(runner.Exited.Values, e => Assert.Equal(0, e.Status));
    }

    [Fact]
    public void Apply_KillTheTrace_TheRunIsOver()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-kill-{Guid.NewGuid():N}.lackey");
        File.WriteAllText(path, string.Concat(Enumerable.Range(0, 200).Select(i => $" L {0x10000000 + (i * 64):x8},8\n")));
        try
        {
            var machine = SandboxMachine.Describe(new SandboxSettings { Frames = 256 });
            var trace = VmQuest.Engine.Kernel.Replay.TraceLoader.ScanLackey(path, machine.PageShift, VmQuest.Engine.Kernel.KernelCore.UserSpaceEnd(machine));
            var (session, simulation) = Boot(new SandboxSettings { Frames = 256, Trace = trace, AccessesPerTick = 4 });
            simulation.Tick();

            session.Apply(SandboxVerb.Kill, 1);
            simulation.Tick();

            Assert.True(simulation.Finished);
            Assert.Empty(simulation.Kernel.Pids);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Apply_ConsoleLines_NamesBoundByOneLineAreKnownToTheNext()
    {
        var (session, simulation) = Boot();

        Assert.Contains("b = 0x", session.Apply(SandboxVerb.Run, 1, "malloc b 8K"), StringComparison.Ordinal);
        session.Apply(SandboxVerb.Run, 1, "write b = 3");
        var read = session.Apply(SandboxVerb.Run, 1, "read b");

        Assert.EndsWith("→ 0x3", read, StringComparison.Ordinal);
        Assert.Equal(3, session.Actions.Count);
        Assert.All(session.Actions, a => Assert.Equal(SandboxVerb.Run, a.Verb));
        simulation.Tick(); // the city keeps running
    }

    [Fact]
    public void Apply_ConsoleLineThatDoesNotParse_OneLineNamingTheConsoleAndNothingRecorded()
    {
        var (session, _) = Boot();

        Assert.StartsWith("<console>:1:", session.Apply(SandboxVerb.Run, 1, "write nowhere = 3"), StringComparison.Ordinal);
        Assert.StartsWith("<console>:1:", session.Apply(SandboxVerb.Run, 1, "frobnicate"), StringComparison.Ordinal);
        Assert.Empty(session.Actions);
    }

    [Fact]
    public void Apply_ConsoleFork_AChildExists()
    {
        var (session, simulation) = Boot();

        Assert.Contains("fork = ", session.Apply(SandboxVerb.Run, 1, "fork"), StringComparison.Ordinal);

        Assert.Equal(2, simulation.Kernel.Pids.Count);
    }

    [Fact]
    public void Apply_ConsoleLineInAProcessThatIsNotRunning_RunsAsThatProcess()
    {
        var (session, simulation) = Boot(new SandboxSettings { Frames = 256, Processes = 3 });
        simulation.Tick();
        var other = simulation.Kernel.Pids.First(p => p != simulation.Kernel.CurrentPid);

        Assert.Contains("m = 0x", session.Apply(SandboxVerb.Run, other, "mmap m 4K"), StringComparison.Ordinal);
        Assert.Contains("→ 0x0", session.Apply(SandboxVerb.Run, other, "read m"), StringComparison.Ordinal);
        Assert.Contains("forked", session.Apply(SandboxVerb.Fork, simulation.Kernel.Pids.First(p => p != other)), StringComparison.Ordinal);
    }
}
