using VmQuest.Levels.Model;
using VmQuest.Screens.Play;

namespace VmQuest.Screens.Shell;

/// <summary>The shell's names for mechanics and metrics in both languages (one place, so every screen says the same).</summary>
public static class ShellWords
{
    /// <summary>What the player does in <paramref name="mechanic"/>, as a short phrase.</summary>
    public static string MechanicName(Mechanic mechanic, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return mechanic switch
        {
            Mechanic.Translate => ui.T("Translate by hand", "手工地址转换"),
            Mechanic.FaultAction => ui.T("Handle the fault", "处理缺页"),
            Mechanic.Victim => ui.T("Choose the victim", "选择牺牲页"),
            Mechanic.Permissions => ui.T("Set permissions", "设置权限"),
            Mechanic.Schedule => ui.T("Schedule", "进程调度"),
            Mechanic.ElfLayout => ui.T("Lay out an ELF", "布局 ELF 文件"),
            Mechanic.Policy => ui.T("Write a replacement policy", "编写置换策略"),
            _ => mechanic.Name(),
        };
    }

    /// <summary>The metric's name as the screens show it.</summary>
    public static string MetricName(MetricKind metric, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return metric switch
        {
            MetricKind.Cycles => ui.T("cycles", "周期"),
            MetricKind.Faults => ui.T("faults", "缺页"),
            MetricKind.MajorFaults => ui.T("major faults", "主缺页"),
            MetricKind.PeakFrames => ui.T("peak frames", "峰值页框"),
            MetricKind.TlbMisses => ui.T("TLB misses", "TLB 未命中"),
            MetricKind.Mistakes => ui.T("mistakes", "失误"),
            MetricKind.Actions => ui.T("actions", "操作数"),
            MetricKind.PolicySize => ui.T("policy size", "策略规模"),
            _ => metric.ToString(),
        };
    }

    /// <summary>The metric called <paramref name="name"/> in files (<c>faults</c>, …), shown in the UI's language.</summary>
    public static string MetricName(string name, UiContext ui)
    {
        var index = LevelMetric.Names.ToList().IndexOf(name);
        return index < 0 ? name : MetricName((MetricKind)index, ui);
    }
}
