using System.Globalization;
using System.Numerics;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Scheduling;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Play.Scheduling;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// The schedule mechanic's panel: the run queue (each process's state, TLB entries, pages touched and cycles used),
/// what the next switch to each would cost (the CR3 load, the flush without PCID, the entries still warm), why the
/// kernel asks now, and the last refusal's explanation. Keys 1–9 run the process on that row, Up/Down and Enter pick
/// a row, a click on a row or on a process's street in the city runs that process.
/// </summary>
public sealed class SchedulePanel : IMechanicPanel
{
    private int _cursor;

    /// <inheritdoc/>
    public float Width => 620;

    /// <inheritdoc/>
    public IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("1–9", "1–9", "run the process on that row next", "下一个运行该行的进程"),
        new("Up / Down, Enter", "Up / Down、Enter", "pick a row, then run it", "选择一行，然后运行它"),
        new("click a row", "单击一行", "run that process next", "下一个运行该进程"),
        new("click a street", "单击一条街道", "run the process it belongs to", "运行这条街道所属的进程"),
    ];

    /// <inheritdoc/>
    public string Title(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return ui.T("Schedule: who runs next?", "调度：下一个运行谁？");
    }

    /// <inheritdoc/>
    public PanelAction? Update(LevelSession session, InputState input, RectF area, UiContext ui, CityClick? cityClick)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (session is not ScheduleSession schedule || schedule.IsFinished)
        {
            return null;
        }

        var queue = schedule.RunQueue();
        _cursor = Math.Clamp(_cursor, 0, Math.Max(0, queue.Count - 1));
        for (var row = 0; row < Math.Min(9, queue.Count); row++)
        {
            if (input.IsKeyPressed(Key.D1 + row))
            {
                _cursor = row;
                return Run(queue[row].Pid);
            }
        }

        if (input.IsKeyPressed(Key.Up))
        {
            _cursor = Math.Max(0, _cursor - 1);
        }

        if (input.IsKeyPressed(Key.Down))
        {
            _cursor = Math.Min(queue.Count - 1, _cursor + 1);
        }

        if ((input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter)) && queue.Count > 0)
        {
            return Run(queue[_cursor].Pid);
        }

        if (input.IsMousePressed(MouseButton.Left))
        {
            var layout = new SchedulePanelLayout(area, ui);
            for (var row = 0; row < queue.Count; row++)
            {
                if (layout.Row(row).Contains(input.MousePosition))
                {
                    _cursor = row;
                    return Run(queue[row].Pid);
                }
            }
        }

        return cityClick is { Pid: > 0 } click ? Run(click.Pid) : null;
    }

    /// <inheritdoc/>
    public void Draw(LevelSession session, IRenderBackend backend, RectF area, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        if (session is not ScheduleSession schedule)
        {
            return;
        }

        var layout = new SchedulePanelLayout(area, ui);
        backend.FillRect(area, Palette.HudBackground);
        backend.DrawText(Title(ui), layout.At(0), ui.HeadingSize, Palette.HudText);
        var machine = schedule.Kernel.Machine.Description;
        var pcid = machine.Tlb.Pcid;
        backend.DrawText(pcid
                ? ui.T($"PCID on: CR3 load {N(machine.Costs.ContextSwitch)} cycles; {DynamicAsids.Count} ASID slots keep entries, a new slot flushes ({N(machine.Costs.TlbFlush)}).",
                    $"PCID 开启：加载 CR3 {N(machine.Costs.ContextSwitch)} 周期；{DynamicAsids.Count} 个 ASID 槽位保留表项，新槽位先清空（{N(machine.Costs.TlbFlush)}）。")
                : ui.T($"PCID off: a switch loads CR3 ({N(machine.Costs.ContextSwitch)} cycles) and flushes the TLB ({N(machine.Costs.TlbFlush)} cycles).",
                    $"PCID 关闭：切换时加载 CR3（{N(machine.Costs.ContextSwitch)} 周期）并清空 TLB（{N(machine.Costs.TlbFlush)} 周期）。"),
            layout.At(1), ui.SmallSize, Palette.TextDim);
        backend.DrawText(Prompt(schedule, ui), layout.At(2), ui.TextSize, schedule.IsWaiting ? Palette.Kernel : Palette.HudText);
        DrawQueue(schedule, backend, layout, ui);
        var y = layout.Row(schedule.RunQueue().Count).Y + (layout.Line * 0.5f);
        if (schedule.LastRefusalIn(ui.Language) is { } refusal)
        {
            backend.DrawText(ui.T("Refused:", "被拒绝："), new Vector2(layout.Left, y), ui.TextSize, Palette.Fault);
            y += layout.Line;
            foreach (var line in Wrap(backend, refusal, ui.SmallSize, layout.Width))
            {
                backend.DrawText(line, new Vector2(layout.Left, y), ui.SmallSize, Palette.Fault);
                y += layout.Small;
            }

            y += layout.Small * 0.5f;
        }

        foreach (var control in Controls)
        {
            backend.DrawText($"{control.KeysIn(ui)}  —  {control.WhatIn(ui)}", new Vector2(layout.Left, y), ui.SmallSize, Palette.TextDim);
            y += layout.Small;
        }
    }

    private void DrawQueue(ScheduleSession schedule, IRenderBackend backend, SchedulePanelLayout layout, UiContext ui)
    {
        var header = layout.Row(-1);
        string[] headings =
        [
            ui.T("key", "键"), ui.T("process", "进程"), ui.T("state", "状态"), Invariant($"TLB /{schedule.Kernel.Machine.Description.Tlb.Entries}"),
            ui.T("pages", "页数"), ui.T("cycles", "周期"), ui.T("if chosen next", "若下一个运行"),
        ];
        for (var c = 0; c < headings.Length; c++)
        {
            backend.DrawText(headings[c], new Vector2(layout.Column(c), header.Y + 2), ui.SmallSize, Palette.TextDim);
        }

        var tlbSize = Math.Max(1, schedule.Kernel.Machine.Description.Tlb.Entries);
        var queue = schedule.RunQueue();
        for (var row = 0; row < queue.Count; row++)
        {
            var process = queue[row];
            var rect = layout.Row(row);
            var choosable = schedule.Choices.Contains(process.Pid);
            backend.FillRect(rect, process.Pid == schedule.CurrentPid ? Palette.Background.Lerp(Palette.Kernel, 0.18f) : Palette.Background);
            backend.FillRect(new RectF(rect.X, rect.Y, 4 * ui.Scale, rect.Height), Palette.OwnerHues[process.Pid % Palette.OwnerHues.Count]);
            if (row == _cursor && !schedule.IsFinished)
            {
                backend.DrawRect(rect, Palette.Highlight, 1.5f);
            }

            var colour = choosable || process.State == ProcessState.Running ? Palette.HudText : Palette.TextDim;
            var text = rect.Y + ((rect.Height - ui.TextSize) / 2);
            backend.DrawText(row < 9 ? (row + 1).ToString(CultureInfo.InvariantCulture) : "", new Vector2(layout.Column(0), text), ui.TextSize, Palette.Kernel);
            backend.DrawText(Invariant($"{process.Pid} {process.Name}"), new Vector2(layout.Column(1), text), ui.TextSize, colour);
            backend.DrawText(State(process, ui), new Vector2(layout.Column(2), text), ui.TextSize, colour);
            var bar = layout.TlbBar(rect);
            backend.DrawRect(bar, Palette.TextDim);
            backend.FillRect(bar with { Width = bar.Width * Math.Min(1f, process.TlbEntries / (float)tlbSize) }, Palette.Tlb);
            backend.DrawText(N(process.TlbEntries), new Vector2(bar.Right + (4 * ui.Scale), text), ui.SmallSize, colour);
            backend.DrawText(N(process.PagesTouched), new Vector2(layout.Column(4), text), ui.TextSize, colour);
            backend.DrawText(N(process.CyclesUsed), new Vector2(layout.Column(5), text), ui.TextSize, colour);
            backend.DrawText(Cost(schedule, process, ui), new Vector2(layout.Column(6), text), ui.SmallSize, choosable ? Palette.HudText : Palette.TextDim);
        }
    }

    private static string Prompt(ScheduleSession schedule, UiContext ui)
    {
        if (schedule.IsFinished)
        {
            return schedule.IsWon ? ui.T("Every process has exited: the level is done.", "所有进程都已退出：本关完成。") : ui.T("The run failed.", "运行失败。");
        }

        var point = schedule.Point;
        var why = point switch
        {
            null or { Cause: SchedulingCause.Start } => ui.T("Every process is ready", "所有进程都已就绪"),
            { Cause: SchedulingCause.Yielded } p => ui.T($"pid {p.Pid} ({p.Name}) gave up the CPU", $"pid {p.Pid}（{p.Name}）让出了 CPU"),
            { Cause: SchedulingCause.Blocked } p => ui.T($"pid {p.Pid} ({p.Name}) blocked in wait", $"pid {p.Pid}（{p.Name}）阻塞在 wait 中"),
            { Cause: SchedulingCause.Exited } p => ui.T($"pid {p.Pid} ({p.Name}) exited", $"pid {p.Pid}（{p.Name}）已退出"),
            var p => ui.T($"pid {p.Pid} ({p.Name}) used up its time slice", $"pid {p.Pid}（{p.Name}）用完了时间片"),
        };
        return ui.T($"{why}: who runs next?", $"{why}：下一个运行谁？");
    }

    private static string State(ScheduledProcess process, UiContext ui) => process.State switch
    {
        ProcessState.Running => ui.T("running", "运行中"),
        ProcessState.Ready => ui.T("ready", "就绪"),
        ProcessState.Blocked => ui.T("blocked", "阻塞"),
        ProcessState.Zombie when process.Signal != 0 => ui.T(Invariant($"killed ({process.Signal})"), Invariant($"被杀死（{process.Signal}）")),
        ProcessState.Zombie => ui.T(Invariant($"exited ({process.ExitStatus})"), Invariant($"已退出（{process.ExitStatus}）")),
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string Cost(ScheduleSession schedule, ScheduledProcess process, UiContext ui)
    {
        if (!process.IsRunnable)
        {
            return "—";
        }

        var cost = schedule.CostOf(process.Pid);
        if (cost.SwitchCycles == 0)
        {
            return ui.T($"stays: free, {cost.WarmEntries} entries warm", $"继续：免费，{cost.WarmEntries} 项仍有效");
        }

        return cost.Flushes
            ? ui.T($"CR3 +{N(cost.SwitchCycles)}, flush +{N(cost.FlushCycles)}", $"CR3 +{N(cost.SwitchCycles)}，清空 +{N(cost.FlushCycles)}")
            : ui.T($"CR3 +{N(cost.SwitchCycles)}, {cost.WarmEntries} entries warm", $"CR3 +{N(cost.SwitchCycles)}，{cost.WarmEntries} 项仍有效");
    }

    private static IEnumerable<string> Wrap(IRenderBackend backend, string text, float size, float width)
    {
        var line = "";
        foreach (var word in Words(text))
        {
            var candidate = line + word;
            if (line.Length > 0 && backend.MeasureText(candidate.TrimEnd(), size).X > width)
            {
                yield return line.TrimEnd();
                line = word.TrimStart();
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Trim().Length > 0)
        {
            yield return line.TrimEnd();
        }
    }

    // Latin words break at spaces (each keeps its space); Chinese breaks between any two characters.
    private static IEnumerable<string> Words(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' || text[i] >= '\u2E80')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static PanelAction Run(int pid) => new("run", [new("pid", pid.ToString(CultureInfo.InvariantCulture))]);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
