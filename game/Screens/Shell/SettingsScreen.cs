using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens.Play;
using VmQuest.Screens.Shell.Widgets;
using VmQuest.Settings;

namespace VmQuest.Screens.Shell;

/// <summary>
/// The settings (DESIGN.md §7): language (English, 简体中文), colour palette (Okabe–Ito, colour-blind safe, or
/// classic), UI scale, the default speed, and whether every level is open (for teachers: the campaign map is
/// ignored). Every change applies at once and is written to the settings file.
/// </summary>
public sealed class SettingsScreen : ShellScreen
{
    private static readonly string[] RowIds = ["language", "palette", "scale", "speed", "unlock"];
    private readonly ClickTracker _clicks = new();
    private readonly List<RectF> _rows = [];

    /// <summary>Creates the screen.</summary>
    public SettingsScreen(ShellContext shell)
        : base(shell)
    {
    }

    /// <inheritdoc/>
    public override string Name => "settings";

    /// <summary>The selected row: 0 language, 1 palette, 2 scale, 3 speed, 4 levels open.</summary>
    public int Selected { get; private set; }

    /// <summary>The rows' areas after the last update (for the mouse and tests).</summary>
    public IReadOnlyList<RectF> Rows => _rows;

    /// <inheritdoc/>
    public override IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("↑ ↓", "↑ ↓", "choose a setting", "选择设置项"),
        new("← → / Enter / click", "← → / Enter / 单击", "change it", "更改"),
        new("Esc / right click", "Esc / 右键", "back (saved already)", "返回（已自动保存）"),
    ];

    /// <inheritdoc/>
    public override ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (Back(input))
        {
            return new ScreenTransition.Pop();
        }

        Layout(ui);
        if (input.IsKeyPressed(Key.Down))
        {
            Selected = (Selected + 1) % RowIds.Length;
        }

        if (input.IsKeyPressed(Key.Up))
        {
            Selected = (Selected + RowIds.Length - 1) % RowIds.Length;
        }

        var hovered = ClickTracker.Hovered(input, _rows);
        if (hovered >= 0 && input.MouseDelta != Vector2.Zero)
        {
            Selected = hovered;
        }

        var clicked = _clicks.Update(input, _rows);
        var step = input.IsKeyPressed(Key.Right) || input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter) ? 1
            : input.IsKeyPressed(Key.Left) ? -1 : 0;
        if (clicked >= 0)
        {
            Selected = clicked;
            step = IsLeftArrow(input, ui, clicked) ? -1 : 1;
        }

        if (step != 0)
        {
            // The language shown may come from --lang rather than the file: cycle from what the player sees.
            Shell.ChangeSettings(Changed(Shell.Settings.Current with { Language = ui.Language }, RowIds[Selected], step));
        }

        return null;
    }

    /// <summary><paramref name="settings"/> with the setting <paramref name="row"/> moved <paramref name="step"/> places through its choices (wrapping).</summary>
    public static GameSettings Changed(GameSettings settings, string row, int step)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return row switch
        {
            "language" => settings with { Language = Cycle(GameSettings.Languages, settings.Language, step) },
            "palette" => settings with { Palette = Cycle(PaletteScheme.All, settings.Palette, step) },
            "scale" => settings with { ScalePercent = Cycle(GameSettings.Scales, settings.ScalePercent, step) },
            "speed" => settings with { Speed = Cycle(GameSettings.Speeds, settings.Speed, step) },
            "unlock" => settings with { UnlockAll = !settings.UnlockAll },
            _ => settings,
        };
    }

    /// <inheritdoc/>
    protected override void DrawContent(IRenderBackend backend, UiContext ui)
    {
        DrawHeading(backend, ui, ui.T("Settings", "设置"));
        Layout(ui);
        var current = Shell.Settings.Current;
        for (var i = 0; i < RowIds.Length; i++)
        {
            var row = _rows[i];
            var selected = i == Selected;
            backend.FillRect(row, selected ? Palette.HudBackground : Palette.Background);
            backend.DrawRect(row, selected ? Palette.Tlb : Palette.FreeLot, selected ? 2f : 1f);
            var y = row.Y + ((row.Height - ui.TextSize * 1.1f) / 2);
            backend.DrawText(Label(RowIds[i], ui), new Vector2(row.X + ui.TextSize, y), ui.TextSize * 1.1f, Palette.Text);
            var valueX = row.X + (row.Width * 0.45f);
            backend.DrawText("◀", new Vector2(valueX, y), ui.TextSize * 1.1f, Palette.TextDim);
            backend.DrawText(Value(RowIds[i], current with { Language = ui.Language }, ui, (int)MathF.Round(ui.Scale * 100)), new Vector2(valueX + (ui.TextSize * 2), y), ui.TextSize * 1.1f, Palette.Text);
            backend.DrawText("▶", new Vector2(row.Right - (ui.TextSize * 2), y), ui.TextSize * 1.1f, Palette.TextDim);
        }

        var margin = Margin(ui);
        var below = _rows[^1].Bottom + (ui.TextSize * 1.5f);
        backend.DrawText(ui.T("Colours of the palette:", "当前配色："), new Vector2(margin, below), ui.TextSize, Palette.TextDim);
        var swatch = 22f * ui.Scale;
        var x = margin;
        var swatchY = below + (ui.TextSize * 1.6f);
        foreach (var role in Palette.Roles)
        {
            backend.FillRect(new RectF(x, swatchY, swatch, swatch), role.Colour);
            x += swatch + 4;
        }

        var about = current.Palette.ColourBlindSafe
            ? ui.T("Okabe–Ito: every colour also differs in lightness, so the lots stay apart with colour blindness.", "Okabe–Ito 配色：每种颜色的明度也不同，色盲玩家也能区分各类地皮。")
            : ui.T("Classic: red, green and blue as most diagrams use them; not safe for colour blindness.", "经典配色：与多数示意图一致的红、绿、蓝；对色盲玩家不友好。");
        var y2 = DrawWrapped(backend, about, new Vector2(margin, swatchY + swatch + (ui.TextSize * 0.8f)), Width - (2 * margin), ui.SmallSize, Palette.TextDim);
        var where = Shell.Settings.Path is { } path
            ? ui.T($"Saved at once to {path}", $"更改会立即保存到 {path}")
            : ui.T("Settings are not saved (no data directory).", "设置不会被保存（没有数据目录）。");
        y2 = DrawWrapped(backend, where, new Vector2(margin, y2 + (ui.SmallSize * 0.6f)), Width - (2 * margin), ui.SmallSize, Palette.TextDim);
        if (Shell.Settings.Problem is { } problem)
        {
            DrawWrapped(backend, problem, new Vector2(margin, y2 + (ui.SmallSize * 0.6f)), Width - (2 * margin), ui.SmallSize, Palette.Fault);
        }
    }

    private bool IsLeftArrow(InputState input, UiContext ui, int row) =>
        input.MousePosition.X < _rows[row].X + (_rows[row].Width * 0.45f) + (ui.TextSize * 1.6f);

    private void Layout(UiContext ui)
    {
        _rows.Clear();
        var margin = Margin(ui);
        var top = (margin * 0.8f) + (ui.HeadingSize * 1.2f) + (ui.TextSize * 1.4f);
        var height = ui.TextSize * 2.8f;
        for (var i = 0; i < RowIds.Length; i++)
        {
            _rows.Add(new RectF(margin, top + (i * (height + (6 * ui.Scale))), Math.Min(Width - (2 * margin), 760f * ui.Scale), height));
        }
    }

    private static string Label(string row, UiContext ui) => row switch
    {
        "language" => ui.T("Language", "语言"),
        "palette" => ui.T("Colour palette", "配色"),
        "scale" => ui.T("UI scale", "界面缩放"),
        "unlock" => ui.T("Levels open", "开放的关卡"),
        _ => ui.T("City speed at start (sandbox)", "城市模拟的初始速度（沙盒）"),
    };

    private static string Value(string row, GameSettings settings, UiContext ui, int shown) => row switch
    {
        "language" => settings.Language == "zh-Hans" ? "简体中文" : "English",
        "palette" => ui.T(settings.Palette.Name, settings.Palette.NameZh),
        "scale" => shown < settings.ScalePercent
            ? ui.T($"{settings.ScalePercent} % (this window shows {shown} %)", $"{settings.ScalePercent} %（此窗口显示为 {shown} %）")
            : $"{settings.ScalePercent} %",
        "unlock" => settings.UnlockAll ? ui.T("all (for teachers)", "全部（供教师使用）") : ui.T("along the campaign map", "按战役地图解锁"),
        _ => settings.Speed switch
        {
            SimulationSpeed.Fast => ui.T("4× (fast)", "4×（快）"),
            SimulationSpeed.Max => ui.T("as fast as possible", "最快"),
            _ => ui.T("1× (normal)", "1×（正常）"),
        },
    };

    private static T Cycle<T>(IReadOnlyList<T> choices, T current, int step)
    {
        var index = Math.Max(0, choices.ToList().IndexOf(current));
        return choices[((index + step) % choices.Count + choices.Count) % choices.Count];
    }
}
