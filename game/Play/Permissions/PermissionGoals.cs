using System.Globalization;
using VmQuest.Engine.Kernel;
using VmQuest.Levels.Model;
using VmQuest.Play.Rules;

namespace VmQuest.Play.Permissions;

/// <summary>
/// Judges a permissions level's goals from how its processes ended: <c>exits</c>/<c>all-exit</c> hold when the
/// process exited with the status, <c>killed</c> when it died of the signal — at the attack line when one is given.
/// A goal that can no longer hold ends the run at once, with a sentence that says what the permissions allowed or
/// refused (in English and Simplified Chinese).
/// </summary>
internal static class PermissionGoals
{
    private enum Verdict
    {
        Holds,
        Open,
    }

    // A failure sentence in both languages: the English one replays and records use, the Chinese one the UI shows.
    private sealed record Why(string En, string Zh);

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
                _ => (Verdict.Open, new Why($"goal {goal.GetType().Name} is not checked on a permissions level", $"权限关卡不检查目标 {goal.GetType().Name}")),
            };
            if (failure is not null)
            {
                return GoalState.Failed(failure.En, failure.Zh);
            }

            open |= verdict == Verdict.Open;
        }

        if (!open)
        {
            return GoalState.Won;
        }

        return idle
            ? GoalState.Failed("no process can run any more, but not every goal holds: a process is still waiting", "已经没有进程能够运行，但并非每个目标都已达成：还有进程在等待")
            : GoalState.Running;
    }

    private static (Verdict, Why?) AllExit(PermissionsSession session, int status)
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

    private static (Verdict, Why?) Exits(PermissionsSession session, string name, int status)
    {
        if (session.OutcomeOf(name) is not { } end)
        {
            return (Verdict.Open, null);
        }

        if (end.Signal != 0)
        {
            var step = session.KilledBy(name);
            var where = step is null ? "" : Invariant($" at line {step.Line} ({step.Statement}{At(step.Address)}: {step.Note})");
            var whereZh = step is null ? "" : Invariant($"在第 {step.Line} 行（{step.Statement}{At(step.Address)}：{step.Note}）");
            return (Verdict.Open, new Why(
                $"{name} must complete, but it was killed by {SignalName(end.Signal)}{where}: grant each mapping what the program itself does there",
                $"{name} 必须运行完成，但它{whereZh}被 {SignalName(end.Signal)} 杀死了：每个映射应授予程序本身在那里进行的访问"));
        }

        return end.Status == status
            ? (Verdict.Holds, null)
            : (Verdict.Open, new Why(
                Invariant($"{name} must exit with status {status}, but it exited with {end.Status}"),
                Invariant($"{name} 必须以状态 {status} 退出，但它的退出状态是 {end.Status}")));
    }

    private static (Verdict, Why?) Killed(PermissionsSession session, ProcessKilledGoal goal)
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
            return (Verdict.Open, new Why(
                $"{name} had to die of {goal.Signal}, but {SignalName(end.Signal)} killed it",
                $"{name} 本应死于 {goal.Signal}，但杀死它的是 {SignalName(end.Signal)}"));
        }

        if (goal.Line is { } line && step is not null && step.Line != line)
        {
            return (Verdict.Open, new Why(
                Invariant($"{name} was stopped at line {step.Line} ({step.Statement}{At(step.Address)}), before its attack at line {line}: the attack must be what fails, so grant what the lines before it need"),
                Invariant($"{name} 在第 {step.Line} 行（{step.Statement}{At(step.Address)}）就被拦下了，还没到第 {line} 行的攻击：失败的必须是攻击本身，所以要授予攻击之前各行所需的权限")));
        }

        return (Verdict.Holds, null);
    }

    private static Why AttackSucceeded(PermissionsSession session, ProcessKilledGoal goal, int status)
    {
        var attack = session.History.FirstOrDefault(s => s.Process == goal.Process && (goal.Line is null || s.Line == goal.Line));
        if (attack is null || goal.Line is null)
        {
            return new Why(
                Invariant($"{goal.Process} exited with status {status}: its attack was never stopped"),
                Invariant($"{goal.Process} 以状态 {status} 退出：它的攻击从未被阻止"));
        }

        var allowed = attack.Allowed is { } a ? PermissionText.Format(a) : "---";
        var (why, whyZh) = attack.Statement switch
        {
            "write" => ("a page that is writable lets anyone who controls the program change it: map what is only read without w",
                "可写的页可以被任何控制了程序的人改动：只被读取的内容，映射时不要给 w"),
            "fetch" => ("a page that is both writable and executable runs whatever was written into it: a mapping must not be w and x at once (W^X, the NX bit)",
                "既可写又可执行的页会执行写进去的任何东西：一个映射不能同时有 w 和 x（W^X，即 NX 位）"),
            _ => ("the mapping allowed the access", "这个映射允许了这次访问"),
        };
        return new Why(
            Invariant($"the attack succeeded: {goal.Process}'s line {attack.Line} ({attack.Statement}{At(attack.Address)}) went through because its mapping is {allowed}; {why}"),
            Invariant($"攻击成功了：{goal.Process} 的第 {attack.Line} 行（{attack.Statement}{At(attack.Address)}）得以执行，因为它的映射是 {allowed}；{whyZh}"));
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
