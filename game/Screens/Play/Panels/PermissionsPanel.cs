using System.Globalization;
using System.Numerics;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Play.Permissions;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// The permissions mechanic's panel: the selected process's VMAs with r/w/x toggles (before the run each toggle is a
/// <c>protect</c> action), a Run button, and — while a program's mmap waits — the request with the permissions to
/// grant (only what was asked can be switched on) and a Grant button. Below: the last refusal's explanation and the
/// last steps the programs took. Keyboard: Tab picks the process, Up/Down the VMA, R/W/X toggle, Enter runs or grants.
/// Mouse: click a process tab, an r/w/x cell, Run or Grant; a click on a street in the city picks that process and VMA.
/// </summary>
public sealed class PermissionsPanel : IMechanicPanel
{
    private const int LogLines = 4;
    private int _process;
    private int _vma;
    private PermissionRequest? _draftFor;
    private VmaPermissions _draft;

    /// <inheritdoc/>
    public float Width => 440;

    /// <inheritdoc/>
    public IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("Tab / click a tab", "Tab / 点击标签", "choose the process", "选择进程"),
        new("Up Down / click a row", "Up Down / 点击行", "choose the VMA", "选择 VMA"),
        new("R W X / click r w x", "R W X / 点击 r w x", "toggle read, write, execute", "切换读、写、执行权限"),
        new("Enter / click Run", "Enter / 点击运行", "start the programs", "启动程序"),
        new("Enter / click Grant", "Enter / 点击授予", "grant the mapping what is switched on", "按所选权限授予映射"),
        new("click a street", "点击街道", "show that process and VMA", "显示该进程及其 VMA"),
    ];

    /// <inheritdoc/>
    public string Title(UiContext ui) => ui.T("Permissions", "权限");

    /// <inheritdoc/>
    public PanelAction? Update(LevelSession session, InputState input, RectF area, UiContext ui, CityClick? cityClick)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (session is not PermissionsSession play)
        {
            return null;
        }

        var names = play.Pids.Keys.ToList();
        SyncDraft(play);
        if (cityClick is { Pid: > 0 } click && names.FindIndex(n => play.Pids[n] == click.Pid) is var picked and >= 0)
        {
            _process = picked;
            if (click.Va is { } va && play.VmasOf(names[picked]).ToList().FindIndex(a => a.Contains(va)) is var row and >= 0)
            {
                _vma = row;
            }
        }

        if (input.IsKeyPressed(Key.Tab))
        {
            _process = (_process + 1) % names.Count;
            _vma = 0;
        }

        var vmas = play.VmasOf(names[_process]);
        _vma = Math.Clamp(_vma + (input.IsKeyPressed(Key.Down) ? 1 : 0) - (input.IsKeyPressed(Key.Up) ? 1 : 0), 0, Math.Max(0, vmas.Count - 1));
        var layout = new PermissionsLayout(area, ui, names.Count, vmas.Count);
        var clicked = input.IsMousePressed(MouseButton.Left) && area.Contains(input.MousePosition) ? input.MousePosition : (Vector2?)null;
        VmaPermissions? toggle = input.IsKeyPressed(Key.R) ? VmaPermissions.Read
            : input.IsKeyPressed(Key.W) ? VmaPermissions.Write
            : input.IsKeyPressed(Key.X) ? VmaPermissions.Execute : null;
        var confirm = input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter);
        if (clicked is { } at)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (layout.Tab(i).Contains(at))
                {
                    (_process, _vma) = (i, 0);
                    return null;
                }
            }

            confirm |= layout.Button.Contains(at);
            for (var row = 0; row < vmas.Count && row < PermissionsLayout.VisibleRows; row++)
            {
                for (var bit = 0; bit < 3; bit++)
                {
                    if (layout.Cell(row, bit).Contains(at))
                    {
                        _vma = row;
                        toggle = (VmaPermissions)(1 << bit);
                    }
                }
            }

            for (var bit = 0; bit < 3; bit++)
            {
                if (play.Pending is not null && layout.GrantCell(bit).Contains(at))
                {
                    toggle = (VmaPermissions)(1 << bit);
                }
            }
        }

        if (play.Pending is { } pending)
        {
            if (toggle is { } grantBit && (pending.Requested & grantBit) != 0)
            {
                _draft ^= grantBit;
            }

            return confirm ? new PanelAction("grant", [new("perms", PermissionText.Format(_draft))]) : null;
        }

        if (play.IsRunning || play.IsFinished)
        {
            return null;
        }

        if (toggle is { } bitToFlip && _vma < vmas.Count)
        {
            var area0 = vmas[_vma];
            return new PanelAction("protect", [new("process", names[_process]), new("vma", "0x" + area0.Start.ToString("x", CultureInfo.InvariantCulture)),
                new("perms", PermissionText.Format(area0.Permissions ^ bitToFlip))]);
        }

        return confirm ? new PanelAction("run", []) : null;
    }

    /// <inheritdoc/>
    public void Draw(LevelSession session, IRenderBackend backend, RectF area, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        if (session is not PermissionsSession play)
        {
            return;
        }

        var names = play.Pids.Keys.ToList();
        var process = Math.Clamp(_process, 0, names.Count - 1);
        var vmas = play.VmasOf(names[process]);
        var layout = new PermissionsLayout(area, ui, names.Count, vmas.Count);
        backend.FillRect(area, Palette.HudBackground);
        backend.DrawText(Title(ui), new Vector2(layout.Left, area.Y + (8 * ui.Scale)), ui.HeadingSize, Palette.HudText);
        backend.DrawText(Status(play, ui), new Vector2(layout.Left, layout.StatusY), ui.TextSize, Palette.Text);

        for (var i = 0; i < names.Count; i++)
        {
            var tab = layout.Tab(i);
            var outcome = play.OutcomeOf(names[i]);
            backend.FillRect(tab, i == process ? Palette.TextPages : Palette.FreeLot);
            var label = outcome is { } end ? $"{names[i]} {(end.Signal != 0 ? "✕" : "✓")}" : names[i];
            backend.DrawText(label, new Vector2(tab.X + (6 * ui.Scale), tab.Y + (4 * ui.Scale)), ui.SmallSize, Palette.LabelOn(i == process ? Palette.TextPages : Palette.FreeLot));
        }

        backend.DrawText("VMA", new Vector2(layout.Left, layout.HeaderY), ui.SmallSize, Palette.TextDim);
        backend.DrawText(ui.T("kind", "类型"), new Vector2(layout.KindX, layout.HeaderY), ui.SmallSize, Palette.TextDim);
        for (var bit = 0; bit < 3; bit++)
        {
            backend.DrawText("rwx"[bit].ToString(), new Vector2(layout.Cell(0, bit).X + (7 * ui.Scale), layout.HeaderY), ui.SmallSize, Palette.TextDim);
        }

        for (var row = 0; row < vmas.Count && row < PermissionsLayout.VisibleRows; row++)
        {
            var vma = vmas[row];
            var y = layout.RowY(row);
            if (row == Math.Clamp(_vma, 0, vmas.Count - 1) && !play.IsRunning)
            {
                backend.FillRect(new RectF(layout.Left - (4 * ui.Scale), y - (2 * ui.Scale), layout.Width + (8 * ui.Scale), layout.RowHeight), Palette.FreeLot);
            }

            backend.DrawText(Invariant($"{vma.Start:x12}-{vma.End:x12}"), new Vector2(layout.Left, y), ui.SmallSize, Palette.Text);
            backend.DrawText(KindName(vma.Kind, ui), new Vector2(layout.KindX, y), ui.SmallSize, Palette.TextDim);
            for (var bit = 0; bit < 3; bit++)
            {
                var on = ((int)vma.Permissions & (1 << bit)) != 0;
                Toggle(backend, layout.Cell(row, bit), "rwx"[bit], on, enabled: !play.IsRunning, ui);
            }
        }

        if (play.Pending is { } pending)
        {
            SyncDraft(play);
            var y = layout.GrantY;
            backend.DrawText(ui.T(
                Invariant($"{pending.Process} maps {pending.Length / 1024} KiB at line {pending.Line}, asking for {PermissionText.Format(pending.Requested)}. Grant:"),
                Invariant($"{pending.Process} 在第 {pending.Line} 行映射 {pending.Length / 1024} KiB，请求 {PermissionText.Format(pending.Requested)}。授予：")),
                new Vector2(layout.Left, y), ui.TextSize, Palette.Kernel);
            for (var bit = 0; bit < 3; bit++)
            {
                var mask = (VmaPermissions)(1 << bit);
                Toggle(backend, layout.GrantCell(bit), "rwx"[bit], (_draft & mask) != 0, enabled: (pending.Requested & mask) != 0, ui);
            }
        }

        var button = play.Pending is not null ? ui.T("Grant", "授予") : play.IsRunning || play.IsFinished ? null : ui.T("Run", "运行");
        if (button is not null)
        {
            backend.FillRect(layout.Button, Palette.DataPages);
            backend.DrawText(button + "  (Enter)", new Vector2(layout.Button.X + (10 * ui.Scale), layout.Button.Y + (6 * ui.Scale)), ui.TextSize, Palette.LabelOn(Palette.DataPages));
        }

        var textY = layout.Button.Bottom + (10 * ui.Scale);
        if (play.LastRefusalIn(ui.Language) is { } why)
        {
            textY = Wrapped(backend, ui.T("Refused: ", "被拒绝：") + why, layout.Left, textY, layout.Width, ui.SmallSize, Palette.Fault);
        }
        else if (play.FailureIn(ui.Language) is { } failure)
        {
            textY = Wrapped(backend, ui.T("Failed: ", "失败：") + failure, layout.Left, textY, layout.Width, ui.SmallSize, Palette.Fault);
        }

        foreach (var step in play.History.Skip(Math.Max(0, play.History.Count - LogLines)))
        {
            var text = Invariant($"{step.Process}:{step.Line} {step.Statement}{(step.Address is { } va ? $" 0x{va:x}" : "")}{(step.Note is { } note ? " — " + note : "")}");
            backend.DrawText(Clip(backend, text, layout.Width, ui.SmallSize), new Vector2(layout.Left, textY), ui.SmallSize, step.Killed ? Palette.Fault : Palette.TextDim);
            textY += ui.SmallSize * 1.4f;
        }

        var help = string.Join("  ·  ", Controls.Take(5).Select(c => $"{c.KeysIn(ui)}: {c.WhatIn(ui)}"));
        AtBottom(backend, help, layout.Left, textY + (6 * ui.Scale), area.Bottom - (6 * ui.Scale), layout.Width, ui.SmallSize, Palette.TextDim);
    }

    private void SyncDraft(PermissionsSession play)
    {
        if (play.Pending is { } pending && !ReferenceEquals(pending, _draftFor))
        {
            (_draftFor, _draft) = (pending, pending.Requested);
        }
    }

    private static string Status(PermissionsSession play, UiContext ui) =>
        play.IsWon ? ui.T("Every goal holds: the server completed and every attack died of SIGSEGV.", "所有目标达成：服务器正常结束，每个攻击都因 SIGSEGV 终止。")
        : play.IsFinished ? ui.T("The run is over, and a goal does not hold.", "运行结束，有目标未达成。")
        : play.Pending is not null ? ui.T("A program asks for memory: decide what it may do there.", "有程序请求内存：决定它在那里能做什么。")
        : play.IsRunning ? ui.T("The programs are running.", "程序正在运行。")
        : ui.T("Before the run: set each VMA's r/w/x if you must, then Run.", "运行前：如有需要，设置各 VMA 的 r/w/x，然后运行。");

    private static string KindName(VmaKind kind, UiContext ui) => kind switch
    {
        VmaKind.Text => ui.T("text", "代码"),
        VmaKind.ReadOnlyData => ui.T("rodata", "只读数据"),
        VmaKind.Data => ui.T("data", "数据"),
        VmaKind.Bss => "bss",
        VmaKind.Heap => ui.T("heap", "堆"),
        VmaKind.Stack => ui.T("stack", "栈"),
        VmaKind.FileMapping => ui.T("file mmap", "文件映射"),
        _ => ui.T("anon mmap", "匿名映射"),
    };

    private static void Toggle(IRenderBackend backend, RectF cell, char letter, bool on, bool enabled, UiContext ui)
    {
        var fill = on ? (letter == 'w' ? Palette.Heap : letter == 'x' ? Palette.Fault : Palette.TextPages) : Palette.FreeLot;
        backend.FillRect(cell, enabled ? fill : fill.WithAlpha(90));
        backend.DrawRect(cell, Palette.TextDim);
        var text = on ? letter.ToString() : "-";
        backend.DrawText(text, new Vector2(cell.X + (cell.Width / 2) - (ui.SmallSize / 4), cell.Y + (2 * ui.Scale)), ui.SmallSize, Palette.LabelOn(fill));
    }

    /// <summary>Draws wrapped <paramref name="text"/> so its last line ends at <paramref name="bottom"/>, but never above <paramref name="top"/>.</summary>
    internal static void AtBottom(IRenderBackend backend, string text, float x, float top, float bottom, float width, float size, Colour colour)
    {
        var height = Wrapped(backend, text, x, 0, width, size, colour, draw: false);
        Wrapped(backend, text, x, Math.Max(top, bottom - height), width, size, colour);
    }

    /// <summary>Draws <paramref name="text"/> wrapped at word boundaries to <paramref name="width"/>; returns the y below it.</summary>
    internal static float Wrapped(IRenderBackend backend, string text, float x, float y, float width, float size, Colour colour, bool draw = true)
    {
        var line = "";
        foreach (var (word, spaced) in Words(text))
        {
            var candidate = line.Length == 0 ? word : line + (spaced ? " " : "") + word;
            if (line.Length > 0 && backend.MeasureText(candidate, size).X > width)
            {
                if (draw)
                {
                    backend.DrawText(line, new Vector2(x, y), size, colour);
                }

                y += size * 1.4f;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0 && draw)
        {
            backend.DrawText(line, new Vector2(x, y), size, colour);
        }

        if (line.Length > 0)
        {
            y += size * 1.4f;
        }

        return y;
    }

    // Words to wrap at: runs of Latin text between spaces, and each CJK character on its own (Chinese has no spaces).
    private static IEnumerable<(string Word, bool Spaced)> Words(string text)
    {
        var word = new System.Text.StringBuilder();
        var spaced = false;
        foreach (var c in text)
        {
            if (c == ' ' || c >= '\u2e80')
            {
                if (word.Length > 0)
                {
                    yield return (word.ToString(), spaced);
                    word.Clear();
                    spaced = false;
                }

                if (c == ' ')
                {
                    spaced = true;
                    continue;
                }

                yield return (c.ToString(), spaced);
                spaced = false;
                continue;
            }

            word.Append(c);
        }

        if (word.Length > 0)
        {
            yield return (word.ToString(), spaced);
        }
    }

    private static string Clip(IRenderBackend backend, string text, float width, float size)
    {
        while (text.Length > 4 && backend.MeasureText(text, size).X > width)
        {
            text = text[..^4] + "…";
        }

        return text;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where everything is, from the area and the scale alone, so Update's hit tests and Draw agree.</summary>
    private readonly record struct PermissionsLayout(RectF Area, UiContext Ui, int Processes, int Vmas)
    {
        private float S => Ui.Scale;

        public float Left => Area.X + (12 * S);

        public float Width => Area.Width - (24 * S);

        public float StatusY => Area.Y + (40 * S);

        public float RowHeight => 20 * S;

        public float KindX => Left + (210 * S);

        public const int VisibleRows = 8;

        public RectF Tab(int i)
        {
            var width = Math.Min(110 * S, Width / Math.Max(1, Processes));
            return new RectF(Left + (i * width), Area.Y + (64 * S), width - (4 * S), 22 * S);
        }

        public float HeaderY => Area.Y + (94 * S);

        public float RowY(int row) => HeaderY + (18 * S) + (row * RowHeight);

        public RectF Cell(int row, int bit) => new(Left + (300 * S) + (bit * 26 * S), RowY(row) - (1 * S), 22 * S, 17 * S);

        public float GrantY => RowY(Math.Min(Vmas, VisibleRows)) + (8 * S);

        public RectF GrantCell(int bit) => new(Left + (bit * 30 * S), GrantY + (24 * S), 26 * S, 20 * S);

        public RectF Button => new(Left, GrantY + (52 * S), 130 * S, 28 * S);
    }
}
