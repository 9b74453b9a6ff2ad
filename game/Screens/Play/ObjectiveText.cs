using System.Globalization;
using VmQuest.Levels.Model;

namespace VmQuest.Screens.Play;

/// <summary>A level's objective in one line, in the UI's language, said from its goals (what must hold to win).</summary>
public static class ObjectiveText
{
    /// <summary>The goals of <paramref name="level"/> joined into one line.</summary>
    public static string Of(Level level, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(ui);
        return string.Join(ui.T("; ", "；"), level.Goals.Select(g => Of(g, ui)));
    }

    private static string Of(LevelGoal goal, UiContext ui) => goal switch
    {
        TraceCompletesGoal { Trace: { } trace } => ui.T($"run trace {trace} to its end", $"让引用串 {trace} 运行到底"),
        TraceCompletesGoal => ui.T("run every trace to its end", "让所有引用串运行到底"),
        ProcessExitsGoal g => ui.T(Invariant($"process {g.Process} exits with status {g.Status}"), Invariant($"进程 {g.Process} 以状态 {g.Status} 退出")),
        AllProcessesExitGoal g => ui.T(Invariant($"every process exits with status {g.Status}"), Invariant($"所有进程以状态 {g.Status} 退出")),
        ProcessKilledGoal { Line: { } line } g => ui.T(Invariant($"the attack in {g.Process} is stopped by {g.Signal} at line {line}"),
            Invariant($"{g.Process} 中的攻击在第 {line} 行被 {g.Signal} 阻止")),
        ProcessKilledGoal g => ui.T($"the attack in {g.Process} is stopped by {g.Signal}", $"{g.Process} 中的攻击被 {g.Signal} 阻止"),
        TranslationsGoal g => ui.T(Invariant($"translate {g.Count} addresses"), Invariant($"翻译 {g.Count} 个地址")),
        LayoutMatchesGoal g => ui.T($"lay out {g.Process}'s segments as execve would", $"像 execve 一样布置 {g.Process} 的各段"),
        _ => goal.GetType().Name,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
