using System.Globalization;
using System.Numerics;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Play.Policy;
using VmQuest.Play.Policy.Language;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// The policy mechanic's panel: a text editor for the policy (typing, Backspace, Delete, Enter, Tab, arrows,
/// Home/End; a click places the cursor), the compiler's verdict shown live under it (<c>LINE:COL: what was
/// expected</c>), a Run button (Ctrl+R) that tries the policy on the shown trace and shows its faults against
/// OPT's and the default's, and a Submit button (Ctrl+Enter) that hands the policy to the kernel. After the run
/// it lists the hidden tests with their seeds. Keyboard first; every control also has a button.
/// </summary>
public sealed class PolicyPanel : IMechanicPanel
{
    private readonly PolicyEditor _editor = new(PolicyLibrary.Fifo, PolicyText.MaxBytes);
    private int _compiledVersion = -1;
    private string? _compileError;
    private int _compiledSize;
    private PolicyTrialResult? _trial;
    private int _trialVersion = -1;
    private readonly Dictionary<(string Text, float Size, float Width), (string First, string? Second)> _wraps = [];

    /// <summary>A panel whose editor holds the FIFO policy (the language's smallest example), the cursor at its end.</summary>
    public PolicyPanel() => _editor.MoveTo(int.MaxValue, int.MaxValue);

    /// <summary>The editor (its text is what Submit sends).</summary>
    public PolicyEditor Editor => _editor;

    /// <summary>The compiler's error for the text now (<c>LINE:COL: what</c>), or null when it compiles.</summary>
    public string? CompileError
    {
        get
        {
            Compile();
            return _compileError;
        }
    }

    /// <summary>The last Run's result, or null before one (or after the text changed).</summary>
    public PolicyTrialResult? Trial => _trialVersion == _editor.Version ? _trial : null;

    /// <inheritdoc/>
    public string Title(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return ui.T("Replacement policy", "页面置换策略");
    }

    /// <inheritdoc/>
    public IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("type, Enter, Backspace", "输入、Enter、Backspace", "edit the policy", "编辑策略"),
        new("arrows, Home/End, click", "方向键、Home/End、点击", "move the cursor", "移动光标"),
        new("Ctrl+R / Run", "Ctrl+R / 运行", "try it on the shown trace: faults vs OPT", "在给出的访问序列上试运行：缺页数与 OPT 对比"),
        new("Ctrl+Enter / Submit", "Ctrl+Enter / 提交", "hand the policy to the kernel (then the hidden tests run)", "把策略交给内核（随后运行隐藏测试）"),
    ];

    /// <inheritdoc/>
    public PanelAction? Update(LevelSession session, InputState input, RectF area, UiContext ui, CityClick? cityClick)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        var layout = new PolicyPanelLayout(area, ui, _editor.Line);
        bool control = input.IsKeyDown(Key.LeftControl) || input.IsKeyDown(Key.RightControl);
        bool submit = (control && (input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter)))
            || (input.IsMousePressed(MouseButton.Left) && layout.Submit.Contains(input.MousePosition));
        bool run = (control && input.IsKeyPressed(Key.R)) || (input.IsMousePressed(MouseButton.Left) && layout.Run.Contains(input.MousePosition));
        if (!control)
        {
            Edit(input);
        }

        if (input.IsMousePressed(MouseButton.Left) && layout.Editor.Contains(input.MousePosition))
        {
            var (line, column) = layout.CellAt(input.MousePosition);
            _editor.MoveTo(line, column);
        }

        if (run)
        {
            RunTrial(session.Level);
        }

        if (submit && session.IsWaiting && PolicyText.WhyNotCarried(_editor.Text) is null)
        {
            return new PanelAction(PolicySession.PolicyKind, PolicyText.Encode(_editor.Text));
        }

        return null;
    }

    /// <summary>Runs the text on the shown trace (the Run button); nothing when it does not compile.</summary>
    public void RunTrial(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        Compile();
        if (_compileError is not null)
        {
            return;
        }

        _trial = PolicyTrial.Run(level, PolicyParser.Parse(_editor.Text));
        _trialVersion = _editor.Version;
    }

    /// <inheritdoc/>
    public void Draw(LevelSession session, IRenderBackend backend, RectF area, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        Compile();
        var layout = new PolicyPanelLayout(area, ui, _editor.Line);
        backend.FillRect(area, Palette.HudBackground);
        backend.DrawText(Title(ui), new Vector2(area.X + layout.Pad, area.Y + layout.Pad), ui.HeadingSize, Palette.HudText);
        backend.DrawText(Pending(session, ui), new Vector2(area.X + layout.Pad, layout.PendingY), ui.TextSize, Palette.TextDim);
        DrawEditor(backend, layout, ui);

        var x = area.X + layout.Pad;
        var width = area.Width - (2 * layout.Pad);
        var y = layout.Editor.Bottom + layout.Pad;
        var verdict = _compileError is { } error
            ? ui.T("does not compile: ", "无法编译：") + error
            : ui.T(Invariant($"compiles: {_compiledSize} tokens (policy-size)"), Invariant($"编译通过：{_compiledSize} 个记号（policy-size）"));
        y += DrawWrapped(backend, verdict, new Vector2(x, y), width, ui.TextSize, _compileError is null ? Palette.DataPages : Palette.Fault);
        if (Trial is { } trial)
        {
            y += DrawWrapped(backend, TrialLine(trial, session.Level, ui), new Vector2(x, y), width, ui.TextSize, trial.Error is null ? Palette.HudText : Palette.Fault);
        }

        if (session.LastRefusalIn(ui.Language) is { } refusal)
        {
            y += DrawWrapped(backend, ui.T("Refused: ", "被拒绝：") + refusal, new Vector2(x, y), width, ui.SmallSize, Palette.Fault);
        }

        if (session is PolicySession { HiddenResults.Count: > 0 } played)
        {
            DrawHidden(backend, played, new Vector2(x, y + (layout.Pad / 2)), ui);
        }

        DrawButton(backend, layout.Run, ui.T("Run  Ctrl+R", "运行  Ctrl+R"), ui, enabled: _compileError is null);
        DrawButton(backend, layout.Submit, ui.T("Submit  Ctrl+Enter", "提交  Ctrl+Enter"), ui, enabled: _compileError is null && session.IsWaiting);
    }

    private void Edit(InputState input)
    {
        if (input.Text.Length > 0)
        {
            _editor.Insert(input.Text);
        }

        if (input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter))
        {
            _editor.NewLine();
        }

        if (input.IsKeyPressed(Key.Tab))
        {
            _editor.Insert("  ");
        }

        if (input.IsKeyPressed(Key.Backspace))
        {
            _editor.Backspace();
        }

        if (input.IsKeyPressed(Key.Delete))
        {
            _editor.Delete();
        }

        if (input.IsKeyPressed(Key.Left))
        {
            _editor.MoveHorizontally(-1);
        }

        if (input.IsKeyPressed(Key.Right))
        {
            _editor.MoveHorizontally(1);
        }

        if (input.IsKeyPressed(Key.Up))
        {
            _editor.MoveVertically(-1);
        }

        if (input.IsKeyPressed(Key.Down))
        {
            _editor.MoveVertically(1);
        }

        if (input.IsKeyPressed(Key.Home))
        {
            _editor.MoveToLineEdge(end: false);
        }

        if (input.IsKeyPressed(Key.End))
        {
            _editor.MoveToLineEdge(end: true);
        }
    }

    private void Compile()
    {
        if (_compiledVersion == _editor.Version)
        {
            return;
        }

        _compiledVersion = _editor.Version;
        try
        {
            _compiledSize = PolicyParser.Parse(_editor.Text).Size;
            _compileError = null;
        }
        catch (PolicySyntaxException e)
        {
            _compileError = e.Message;
        }
    }

    private void DrawEditor(IRenderBackend backend, PolicyPanelLayout layout, UiContext ui)
    {
        backend.FillRect(layout.Editor, Palette.Background);
        backend.DrawRect(layout.Editor, Palette.TextDim);
        backend.SetClip(layout.Editor);
        var errorLine = _compileError is null ? -1 : int.Parse(_compileError.AsSpan(0, _compileError.IndexOf(':', StringComparison.Ordinal)), CultureInfo.InvariantCulture) - 1;
        for (int i = layout.FirstLine; i < _editor.Lines.Count && i < layout.FirstLine + layout.VisibleLines; i++)
        {
            var row = layout.CellOrigin(i, 0);
            backend.DrawDynamicText(Invariant($"{i + 1,2}"), new Vector2(layout.Editor.X + 4, row.Y), ui.SmallSize, i == errorLine ? Palette.Fault : Palette.TextDim);
            var line = _editor.Lines[i];
            var colour = line.TrimStart().StartsWith('#') ? Palette.TextDim : Palette.Text;
            for (int c = 0; c < line.Length; c++)
            {
                // The editor is a grid of cells (so a click maps to a column without measuring text); each glyph is
                // centred in its cell, so the proportional font reads like a typewriter's rather than gap-toothed.
                var glyph = GlyphText(line[c]);
                var offset = (layout.CharWidth - backend.MeasureText(glyph, layout.CharSize).X) / 2;
                backend.DrawText(glyph, layout.CellOrigin(i, c) + new Vector2(offset, 0), layout.CharSize, colour);
            }
        }

        var cursor = layout.CellOrigin(_editor.Line, _editor.Column);
        backend.FillRect(new RectF(cursor.X, cursor.Y, 2 * ui.Scale, layout.LineHeight), Palette.Highlight);
        backend.SetClip(null);
    }

    // One string per printable ASCII character, made once: the editor draws and measures glyph by glyph every frame.
    private static readonly string[] AsciiGlyphs = [.. Enumerable.Range(0, 128).Select(c => ((char)c).ToString())];

    private static string GlyphText(char c) => c < AsciiGlyphs.Length ? AsciiGlyphs[c] : c.ToString();

    private static void DrawHidden(IRenderBackend backend, PolicySession session, Vector2 at, UiContext ui)
    {
        var passed = session.HiddenResults.Count(r => r.Passed);
        backend.DrawText(ui.T(Invariant($"Hidden tests: {passed} of {session.HiddenResults.Count} passed"), Invariant($"隐藏测试：{session.HiddenResults.Count} 个中通过 {passed} 个")),
            at, ui.TextSize, passed == session.HiddenResults.Count ? Palette.DataPages : Palette.Fault);
        for (int i = 0; i < session.HiddenResults.Count; i++)
        {
            var r = session.HiddenResults[i];
            var baseline = session.Level.HiddenTests!.Baseline;
            var text = Invariant($"#{r.Index + 1} {ui.T("seed", "种子")} {r.Seed}: ") + (r.Error
                ?? ui.T(Invariant($"{r.Faults} vs {baseline} {r.BaselineFaults}"), Invariant($"{r.Faults} 对 {baseline} {r.BaselineFaults}")));
            backend.DrawText(text, new Vector2(at.X + (i % 2 * 260 * ui.Scale), at.Y + ((1 + (i / 2)) * ui.SmallSize * 1.4f)), ui.SmallSize, r.Passed ? Palette.TextDim : Palette.Fault);
        }
    }

    // Draws text wrapped at spaces (or anywhere, for Chinese) to at most two lines of the width; returns the height
    // used. The split is measured once per text and width, not every frame.
    private float DrawWrapped(IRenderBackend backend, string text, Vector2 at, float width, float size, Colour colour)
    {
        if (!_wraps.TryGetValue((text, size, width), out var wrap))
        {
            wrap = Wrap(backend, text, width, size);
            if (_wraps.Count > 64)
            {
                _wraps.Clear();
            }

            _wraps[(text, size, width)] = wrap;
        }

        backend.DrawText(wrap.First, at, size, colour);
        if (wrap.Second is null)
        {
            return size * 1.5f;
        }

        backend.DrawText(wrap.Second, at + new Vector2(0, size * 1.3f), size, colour);
        return size * 2.8f;
    }

    private static (string First, string? Second) Wrap(IRenderBackend backend, string text, float width, float size)
    {
        var first = text;
        while (first.Length > 1 && backend.MeasureText(first, size).X > width)
        {
            var space = first.LastIndexOf(' ', first.Length - 2);
            first = space > 0 ? first[..space] : first[..^1];
        }

        var full = text[first.Length..].TrimStart();
        if (full.Length == 0)
        {
            return (first, null);
        }

        var rest = full;
        while (rest.Length > 1 && backend.MeasureText(rest + "…", size).X > width)
        {
            rest = rest[..^1];
        }

        return (first, rest.Length < full.Length ? rest + "…" : rest);
    }

    private static void DrawButton(IRenderBackend backend, RectF rect, string label, UiContext ui, bool enabled)
    {
        backend.FillRect(rect, enabled ? Palette.Tlb : Palette.FreeLot);
        var size = backend.MeasureText(label, ui.TextSize);
        var colour = enabled ? Palette.LabelOn(Palette.Tlb) : Palette.TextDim;
        backend.DrawText(label, new Vector2(rect.X + ((rect.Width - size.X) / 2), rect.Y + ((rect.Height - size.Y) / 2)), ui.TextSize, colour);
    }

    private static string Pending(LevelSession session, UiContext ui)
    {
        if (session.IsWaiting)
        {
            return ui.T("Write your policy, Run it to try, then Submit.", "内核在等你的策略：写好、运行试试，然后提交。");
        }

        if (!session.IsFinished)
        {
            return ui.T(Invariant($"Your policy is choosing every victim: tick {session.Tick} of {session.Length}."),
                Invariant($"你的策略正在选择每一个换出页：第 {session.Tick} / {session.Length} 步。"));
        }

        return session.IsWon
            ? ui.T("Done: the policy passed the shown trace and every hidden test.", "完成：策略通过了给出的序列和全部隐藏测试。")
            : ui.T("Not passed: ", "未通过：") + session.FailureIn(ui.Language);
    }

    private static string TrialLine(PolicyTrialResult trial, Level level, UiContext ui)
    {
        var par = level.ParOf(MetricKind.Faults) is { } p ? Invariant($" · par {p}") : "";
        var parZh = level.ParOf(MetricKind.Faults) is { } q ? Invariant($" · 目标 {q}") : "";
        var compare = Invariant($"OPT {trial.OptFaults} · {level.Kernel.Policy} {trial.DefaultFaults}");
        return trial.Error is { } error
            ? ui.T("Run: the policy stopped at ", "运行：策略停在 ") + error
            : ui.T(Invariant($"Run: {trial.Faults} faults on the shown trace · ") + compare + par,
                Invariant($"运行：在给出的序列上缺页 {trial.Faults} 次 · ") + compare + parZh);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
