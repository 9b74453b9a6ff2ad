using System.Globalization;
using VmQuest.Engine.Kernel;
using VmQuest.Levels.Model;
using VmQuest.Play.Rules;

namespace VmQuest.Play.Permissions;

/// <summary>
/// Judges a permissions level's goals from how its processes ended: <c>exits</c>/<c>all-exit</c> hold when the
/// process exited with the status, <c>killed</c> when it died of the signal — at the attack line when one is given.
/// A goal that can no longer hold ends the run at once, with a sentence that says what the permissions allowed or
/// refused.
/// </summary>
internal static class PermissionGoals
{
    private enum Verdict
    {
        Holds,
        Open,
    }

    public static GoalState Judge(PermissionsSession session, bool idle)
    {
        var open = false;
        foreach (var goal in session.Level.Goals)
        {
            var (verdict, failure) = goal switch
            {
                ProcessExitsGoal exits => Exits(session, exits.Process, exits.Status),
                AllProcessesExitGoal all => AllExit(session, all.Status),
                ProcessKilledGoal killed => Killed(session, killed),
                _ => (Verdict.Open, $"goal {goal.GetType().Name} is not checked on a permissions level"),
            };
            if (failure is not null)
            {
                return GoalState.Failed(failure);
            }

            open |= verdict == Verdict.Open;
        }

        if (!open)
        {
            return GoalState.Won;
        }

        return idle ? GoalState.Failed("no process can run any more, but not every goal holds: a process is still waiting") : GoalState.Running;
    }

    private static (Verdict, string?) AllExit(PermissionsSession session, int status)
    {
        var open = false;
        foreach (var name in session.Pids.Keys)
        {
            var (verdict, failure) = Exits(session, name, status);
            if (failure is not null)
            {
                return (verdict, failure);
            }

            open |= verdict == Verdict.Open;
        }

        return (open ? Verdict.Open : Verdict.Holds, null);
    }

    private static (Verdict, string?) Exits(PermissionsSession session, string name, int status)
    {
        if (session.OutcomeOf(name) is not { } end)
        {
            return (Verdict.Open, null);
        }

        if (end.Signal != 0)
        {
            var step = session.KilledBy(name);
            var where = step is null ? "" : Invariant($" at line {step.Line} ({step.Statement}{At(step.Address)}: {step.Note})");
            return (Verdict.Open, $"{name} must complete, but it was killed by {SignalName(end.Signal)}{where}: grant each mapping what the program itself does there");
        }

        return end.Status == status
            ? (Verdict.Holds, null)
            : (Verdict.Open, Invariant($"{name} must exit with status {status}, but it exited with {end.Status}"));
    }

    private static (Verdict, string?) Killed(PermissionsSession session, ProcessKilledGoal goal)
    {
        var name = goal.Process;
        if (session.OutcomeOf(name) is not { } end)
        {
            return (Verdict.Open, null);
        }

        if (end.Signal == 0)
        {
            return (Verdict.Open, AttackSucceeded(session, goal, end.Status));
        }

        var step = session.KilledBy(name);
        if (SignalName(end.Signal) != goal.Signal)
        {
            return (Verdict.Open, $"{name} had to die of {goal.Signal}, but {SignalName(end.Signal)} killed it");
        }

        if (goal.Line is { } line && step is not null && step.Line != line)
        {
            return (Verdict.Open, Invariant(
                $"{name} was stopped at line {step.Line} ({step.Statement}{At(step.Address)}), before its attack at line {line}: the attack must be what fails, so grant what the lines before it need"));
        }

        return (Verdict.Holds, null);
    }

    private static string AttackSucceeded(PermissionsSession session, ProcessKilledGoal goal, int status)
    {
        var attack = session.History.FirstOrDefault(s => s.Process == goal.Process && (goal.Line is null || s.Line == goal.Line));
        if (attack is null || goal.Line is null)
        {
            return Invariant($"{goal.Process} exited with status {status}: its attack was never stopped");
        }

        var allowed = attack.Allowed is { } a ? PermissionText.Format(a) : "---";
        var why = attack.Statement switch
        {
            "write" => "a page that is writable lets anyone who controls the program change it: map what is only read without w",
            "fetch" => "a page that is both writable and executable runs whatever was written into it: a mapping must not be w and x at once (W^X, the NX bit)",
            _ => "the mapping allowed the access",
        };
        return Invariant($"the attack succeeded: {goal.Process}'s line {attack.Line} ({attack.Statement}{At(attack.Address)}) went through because its mapping is {allowed}; {why}");
    }

    private static string At(ulong? address) => address is { } va ? Invariant($" 0x{va:x}") : "";

    private static string SignalName(int signal) => signal switch
    {
        KernelCore.SigSegv => "SIGSEGV",
        KernelCore.SigBus => "SIGBUS",
        KernelCore.SigKill => "SIGKILL",
        KernelCore.SigAbrt => "SIGABRT",
        _ => "signal " + signal.ToString(CultureInfo.InvariantCulture),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
