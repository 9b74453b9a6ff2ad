using VmQuest.Levels.Model;

namespace VmQuest.Screens.Play;

/// <summary>A metric's name as the screens show it, in the UI's language.</summary>
public static class MetricWords
{
    /// <summary>The shown name of the metric called <paramref name="name"/> (its file name, e.g. <c>faults</c>).</summary>
    public static string Of(string name, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return name switch
        {
            "cycles" => ui.T("cycles", "周期"),
            "faults" => ui.T("faults", "缺页"),
            "major-faults" => ui.T("major faults", "主缺页"),
            "peak-frames" => ui.T("peak frames", "峰值页框"),
            "tlb-misses" => ui.T("TLB misses", "TLB 未命中"),
            "mistakes" => ui.T("mistakes", "错误"),
            "actions" => ui.T("actions", "操作"),
            "policy-size" => ui.T("policy size", "策略大小"),
            _ => name,
        };
    }

    /// <summary>The shown name of <paramref name="kind"/>.</summary>
    public static string Of(MetricKind kind, UiContext ui) => Of(LevelMetric.Names[(int)kind], ui);
}
