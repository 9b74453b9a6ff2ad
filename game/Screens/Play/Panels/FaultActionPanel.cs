using System.Globalization;
using System.Numerics;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Play;
using VmQuest.Play.FaultAction;
using VmQuest.Platform;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// The fault-action mechanic's panel: the pending fault (process, address, access), what the kernel can see of it
/// (the VMA, the PTE, the frame's sharers), the actions as buttons with keys 1–8 (7 then 1–5 for SIGSEGV's reason),
/// the frame the new page goes to (← → or a click on a choice or on a lot in the city) and the explanation of the
/// last mistake, in the UI's language.
/// </summary>
/// <remarks>Update changes only the panel's view state (the frame cursor, an armed SIGSEGV); the session is only read.</remarks>
public sealed class FaultActionPanel : IMechanicPanel
{
    private static readonly (string En, string Zh)[] ActionLabels =
    [
        ("demand-zero", "按需填零"), ("file-read", "从文件读入"), ("swap-in", "从交换区换入"), ("cow-copy", "写时复制"),
        ("cow-reuse", "写时复用"), ("grow-stack", "扩展栈"), ("SIGSEGV…", "发送 SIGSEGV…"), ("SIGBUS", "发送 SIGBUS"),
    ];

    private static readonly (string En, string Zh)[] ReasonLabels =
        [("no mapping", "无映射"), ("read-only", "只读"), ("no exec (NX)", "不可执行"), ("no read", "不可读"), ("kernel address", "内核地址")];

    private static readonly Key[] DigitKeys = [Key.D1, Key.D2, Key.D3, Key.D4, Key.D5, Key.D6, Key.D7, Key.D8];

    private ulong? _frame;
    private bool _reasonArmed;

    /// <inheritdoc/>
    public string Title(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return ui.T("Handle the fault", "处理缺页异常");
    }

    /// <inheritdoc/>
    public IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("1–6", "1–6", "demand-zero, file-read, swap-in, cow-copy, cow-reuse, grow-stack", "按需填零、从文件读入、换入、写时复制、写时复用、扩展栈"),
        new("7, then 1–5", "7，再按 1–5", "SIGSEGV, then why: no mapping, read-only, no exec, no read, kernel address", "SIGSEGV，再选原因：无映射、只读、不可执行、不可读、内核地址"),
        new("8", "8", "SIGBUS (a file page past the end of its file)", "SIGBUS（文件末尾之后的文件页）"),
        new("← →, click a frame or a lot", "← →，点击页框或地块", "choose the frame the new page goes to", "选择新页放入的页框"),
        new("click a button", "点击按钮", "answer the fault", "回答这次缺页"),
        new("Esc", "Esc", "cancel a half-given SIGSEGV", "取消未完成的 SIGSEGV"),
    ];

    /// <summary>The frame the next answer names, when the pending fault takes one (null: none, or not chosen yet).</summary>
    public ulong? SelectedFrame => _frame;

    /// <inheritdoc/>
    public PanelAction? Update(LevelSession session, InputState input, RectF area, UiContext ui, CityClick? cityClick)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (session is not FaultActionSession faults || faults.PendingFault is not { } fault)
        {
            (_frame, _reasonArmed) = (null, false);
            return null;
        }

        var choices = FramesToName(faults, fault);
        if (_frame is not { } kept || !choices.Contains(kept))
        {
            _frame = choices.Count > 0 ? choices[0] : null;
        }

        MoveFrameCursor(input, choices, cityClick);
        var layout = new Layout(area, ui, choices.Count);
        if (input.IsMousePressed(MouseButton.Left))
        {
            var mouse = input.MousePosition;
            var first = FirstShown(choices, _frame, layout.FrameChips.Length);
            for (var i = 0; first + i < choices.Count && i < layout.FrameChips.Length; i++)
            {
                if (layout.FrameChips[i].Contains(mouse))
                {
                    _frame = choices[first + i];
                }
            }

            for (var r = 0; r < layout.Reasons.Length; r++)
            {
                if (layout.Reasons[r].Contains(mouse))
                {
                    return Answer(FaultActions.Sigsegv, FaultActions.SegvReasons[r]);
                }
            }

            for (var b = 0; b < layout.Buttons.Length; b++)
            {
                if (layout.Buttons[b].Contains(mouse))
                {
                    return Press(b);
                }
            }
        }

        if (input.IsKeyPressed(Key.Escape))
        {
            _reasonArmed = false;
        }

        for (var k = 0; k < DigitKeys.Length; k++)
        {
            if (!input.IsKeyPressed(DigitKeys[k]))
            {
                continue;
            }

            if (_reasonArmed)
            {
                if (k < FaultActions.SegvReasons.Count)
                {
                    return Answer(FaultActions.Sigsegv, FaultActions.SegvReasons[k]);
                }

                continue;
            }

            return Press(k);
        }

        return null;
    }

    /// <inheritdoc/>
    public void Draw(LevelSession session, IRenderBackend backend, RectF area, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        backend.FillRect(area, Palette.HudBackground);
        backend.DrawRect(area, Palette.PageTableBureau);
        var pad = 12 * ui.Scale;
        var x = area.X + pad;
        var width = area.Width - (2 * pad);
        var y = area.Y + pad;
        backend.DrawText(Title(ui), new Vector2(x, y), ui.HeadingSize, Palette.Text);
        y += ui.HeadingSize + (8 * ui.Scale);
        if (session is not FaultActionSession faults || faults.PendingFault is not { } fault)
        {
            var idle = session.IsFinished
                ? ui.T("The level is over.", "本关已结束。")
                : ui.T("No fault is pending: the programs run until an access faults.", "没有待处理的缺页：程序会一直运行，直到某次访问缺页。");
            y = DrawWrapped(backend, idle, x, y, width, ui.TextSize, Palette.TextDim);
            DrawRefusal(session, backend, x, ref y, width, ui);
            return;
        }

        var choices = FramesToName(faults, fault);
        // Before the first Update of a fault the cursor sits where Update will put it: on the first choice.
        ulong? shown = _frame is { } kept && choices.Contains(kept) ? kept : choices.Count > 0 ? choices[0] : null;
        var layout = new Layout(area, ui, choices.Count);
        var process = faults.Kernel.Info(fault.Pid).Name;
        var access = FaultExplanations.AccessName(fault.Access);
        var line = Invariant($"pid {fault.Pid} {process} · {ui.T(access, AccessZh(access))} · 0x{fault.Address:x}");
        backend.DrawText(line, new Vector2(x, y), ui.TextSize, Palette.Fault);
        y += ui.TextSize + (6 * ui.Scale);
        y = DrawWrapped(backend, "VMA  " + (fault.Area is { } vma ? FaultExplanations.Describe(vma) : ui.T("none covers this address", "没有 VMA 覆盖这个地址")),
            x, y, width, ui.SmallSize, Palette.Text);
        y = DrawWrapped(backend, "PTE  " + DescribePte(fault, ui), x, y, width, ui.SmallSize, Palette.Text);

        for (var b = 0; b < layout.Buttons.Length; b++)
        {
            var armed = _reasonArmed && b == 6;
            DrawButton(backend, layout.Buttons[b], (b + 1).ToString(CultureInfo.InvariantCulture), ui.T(ActionLabels[b].En, ActionLabels[b].Zh), armed, ui);
        }

        backend.DrawText(ui.T(_reasonArmed ? "SIGSEGV — why? press 1–5" : "SIGSEGV — why:", _reasonArmed ? "SIGSEGV——原因？按 1–5" : "SIGSEGV——原因："),
            new Vector2(x, layout.ReasonCaption), ui.SmallSize, _reasonArmed ? Palette.Fault : Palette.TextDim);
        for (var r = 0; r < layout.Reasons.Length; r++)
        {
            DrawButton(backend, layout.Reasons[r], (r + 1).ToString(CultureInfo.InvariantCulture), ui.T(ReasonLabels[r].En, ReasonLabels[r].Zh), _reasonArmed, ui);
        }

        y = layout.FrameCaption;
        if (choices.Count > 0)
        {
            var caption = faults.MemoryFull
                ? ui.T("Frames full: the page in the chosen frame makes room (← →)", "页框已满：所选页框里的页让位（← →）")
                : ui.T(Invariant($"Free frame for the new page ({choices.Count} free, ← →)"), Invariant($"新页放入的空闲页框（空闲 {choices.Count} 个，← →）"));
            backend.DrawText(caption, new Vector2(x, y), ui.SmallSize, Palette.TextDim);
            var first = FirstShown(choices, shown, layout.FrameChips.Length);
            for (var i = 0; first + i < choices.Count && i < layout.FrameChips.Length; i++)
            {
                var chip = layout.FrameChips[i];
                var selected = choices[first + i] == shown;
                backend.FillRect(chip, selected ? Palette.Kernel : Palette.FreeLot);
                backend.DrawText(choices[first + i].ToString(CultureInfo.InvariantCulture), new Vector2(chip.X + (4 * ui.Scale), chip.Y + (3 * ui.Scale)), ui.SmallSize,
                    selected ? Palette.LabelOn(Palette.Kernel) : Palette.Text);
            }

            if (shown is { } chosen && faults.MemoryFull)
            {
                var page = faults.Kernel.Frames.VirtualAddressOf(chosen);
                var owner = faults.Kernel.Frames.OwnerOf(chosen);
                var file = faults.Kernel.Frames.UseOf(chosen) == Engine.Kernel.Memory.FrameUse.File;
                var note = file
                    ? ui.T(Invariant($"frame {chosen} holds a file page (pid {owner} at 0x{page:x}): it is dropped and read again when needed"),
                        Invariant($"页框 {chosen} 存放文件页（pid {owner}，0x{page:x}）：丢弃它，需要时再从文件读回"))
                    : ui.T(Invariant($"frame {chosen} holds pid {owner}'s page at 0x{page:x}: it goes to swap"),
                        Invariant($"页框 {chosen} 存放 pid {owner} 在 0x{page:x} 的页：它被换出到交换区"));
                DrawWrapped(backend, note, x, layout.FrameNote, width, ui.SmallSize, Palette.Text);
            }
        }
        else if (faults.Level.Player.FramePlacement)
        {
            backend.DrawText(ui.T("This fault takes no new frame.", "这次缺页不需要新页框。"), new Vector2(x, y), ui.SmallSize, Palette.TextDim);
        }

        y = layout.RefusalTop;
        DrawRefusal(session, backend, x, ref y, width, ui);
        DrawControls(backend, area, ui);
    }

    private PanelAction? Press(int button)
    {
        if (button == 6)
        {
            _reasonArmed = true;
            return null;
        }

        return Answer(FaultActions.Kinds[button], null);
    }

    private PanelAction Answer(string kind, string? why)
    {
        _reasonArmed = false;
        var arguments = new List<KeyValuePair<string, string>>();
        if (why is not null)
        {
            arguments.Add(new("why", why));
        }

        // The frame goes with every answer that can take one: the session says so when the answer needs none.
        if (_frame is { } frame && kind is not (FaultActions.Sigsegv or FaultActions.Sigbus or FaultActions.CowReuse))
        {
            arguments.Add(new("frame", frame.ToString(CultureInfo.InvariantCulture)));
        }

        return new PanelAction(kind, arguments);
    }

    private void MoveFrameCursor(InputState input, IReadOnlyList<ulong> choices, CityClick? cityClick)
    {
        if (choices.Count == 0)
        {
            return;
        }

        var index = Math.Max(0, choices.ToList().IndexOf(_frame ?? choices[0]));
        if (input.IsKeyPressed(Key.Right))
        {
            index = (index + 1) % choices.Count;
        }

        if (input.IsKeyPressed(Key.Left))
        {
            index = (index + choices.Count - 1) % choices.Count;
        }

        _frame = choices[index];
        if (cityClick?.Frame is { } lot && choices.Contains(lot))
        {
            _frame = lot;
        }
    }

    // The chips show a window of the choices that keeps the selected one in view (a machine has thousands of free frames).
    private static int FirstShown(IReadOnlyList<ulong> choices, ulong? selected, int capacity)
    {
        if (choices.Count <= capacity || selected is not { } frame)
        {
            return 0;
        }

        var index = Math.Max(0, choices.ToList().IndexOf(frame));
        return Math.Clamp(index - (capacity / 2), 0, choices.Count - capacity);
    }

    // The frames the player may name: only on levels that hand over frame placement, for faults that take a frame.
    private static IReadOnlyList<ulong> FramesToName(FaultActionSession session, FaultForecast fault) =>
        session.Level.Player.FramePlacement && fault.NeedsFrame ? session.FrameChoices() : [];

    private static string DescribePte(FaultForecast fault, UiContext ui)
    {
        // A pending fault on a present page is always a write to a read-only PTE (anything else is spurious or a VMA's refusal).
        if (fault.PresentFrame is { } frame)
        {
            return Invariant($"0x{fault.Pte:x} ") + ui.T(
                Invariant($"present, frame {frame}, read-only, mapped by {fault.MapCount} PTE{(fault.MapCount == 1 ? "" : "s")}"),
                Invariant($"存在，页框 {frame}，只读，被 {fault.MapCount} 个 PTE 映射"));
        }

        if (fault.SwapSlot is { } slot)
        {
            return Invariant($"0x{fault.Pte:x} ") + ui.T(Invariant($"not present: swap slot {slot}{(fault.InCache ? ", still in the swap cache" : "")}"),
                Invariant($"不存在：交换槽 {slot}{(fault.InCache ? "，仍在交换缓存中" : "")}"));
        }

        var cached = fault.Source == FaultSource.File && fault.InCache ? ui.T(" (the file page is in the page cache)", "（该文件页在页缓存中）") : "";
        return ui.T("empty (never mapped)", "空（从未映射）") + cached;
    }

    private static void DrawRefusal(LevelSession session, IRenderBackend backend, float x, ref float y, float width, UiContext ui)
    {
        if (session.LastRefusalIn(ui.Language) is not { } text)
        {
            return;
        }

        backend.DrawText(ui.T("Refused — why:", "被拒绝——原因："), new Vector2(x, y), ui.SmallSize, Palette.Fault);
        y += ui.SmallSize + (4 * ui.Scale);
        y = DrawWrapped(backend, text, x, y, width, ui.SmallSize, Palette.Text);
    }

    private void DrawControls(IRenderBackend backend, RectF area, UiContext ui)
    {
        var size = ui.SmallSize * 0.95f;
        var line = size + (3 * ui.Scale);
        var width = area.Width - (24 * ui.Scale);
        var lines = Controls.SelectMany(c => WrapLines(backend, c.KeysIn(ui) + "  " + c.WhatIn(ui), width, size)).ToList();
        var y = area.Bottom - (12 * ui.Scale) - (lines.Count * line);
        foreach (var text in lines)
        {
            backend.DrawText(text, new Vector2(area.X + (12 * ui.Scale), y), size, Palette.TextDim);
            y += line;
        }
    }

    private static void DrawButton(IRenderBackend backend, RectF rect, string key, string label, bool lit, UiContext ui)
    {
        backend.FillRect(rect, lit ? Palette.Fault : Palette.FreeLot);
        backend.DrawRect(rect, Palette.PageTableBureau);
        var textY = rect.Y + ((rect.Height - ui.SmallSize) / 2) - (1 * ui.Scale);
        backend.DrawText(key, new Vector2(rect.X + (6 * ui.Scale), textY), ui.SmallSize, Palette.Kernel);
        backend.DrawText(label, new Vector2(rect.X + (20 * ui.Scale), textY), ui.SmallSize, lit ? Palette.LabelOn(Palette.Fault) : Palette.Text);
    }

    // Draws wrapped text; returns the y below it.
    private static float DrawWrapped(IRenderBackend backend, string text, float x, float y, float width, float size, Colour colour)
    {
        foreach (var line in WrapLines(backend, text, width, size))
        {
            backend.DrawText(line, new Vector2(x, y), size, colour);
            y += size + (3 * size / 12);
        }

        return y + (4 * size / 12);
    }

    // Word wrap (or character wrap for text without spaces, as Chinese is written).
    private static List<string> WrapLines(IRenderBackend backend, string text, float width, float size)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var piece in Pieces(text))
        {
            var candidate = line + piece;
            if (line.Length > 0 && backend.MeasureText(candidate, size).X > width)
            {
                lines.Add(line.TrimEnd());
                line = piece.TrimStart();
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.TrimEnd());
        }

        return lines;
    }

    private static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // A break is allowed after a space and around any CJK character.
            if (text[i] == ' ' || text[i] >= 0x2E80 || (i + 1 < text.Length && text[i + 1] >= 0x2E80))
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

    private static string AccessZh(string access) => access switch
    {
        "write" => "写",
        "exec" => "执行",
        _ => "读",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where everything clickable sits in an area: the same for Update and Draw.</summary>
    internal sealed class Layout
    {
        public Layout(RectF area, UiContext ui, int frameChoices)
        {
            var s = ui.Scale;
            var pad = 12 * s;
            var x = area.X + pad;
            var width = area.Width - (2 * pad);
            // Below the heading, the fault line and two lines each for the VMA and the PTE.
            var top = area.Y + pad + ui.HeadingSize + (8 * s) + ui.TextSize + (6 * s) + (4 * (ui.SmallSize + (3 * s))) + (12 * s);
            var buttonHeight = 26 * s;
            var gap = 6 * s;
            var column = (width - gap) / 2;
            Buttons = new RectF[8];
            for (var b = 0; b < 8; b++)
            {
                Buttons[b] = new RectF(x + ((b % 2) * (column + gap)), top + ((b / 2) * (buttonHeight + gap)), column, buttonHeight);
            }

            ReasonCaption = top + (4 * (buttonHeight + gap)) + (4 * s);
            var reasonTop = ReasonCaption + ui.SmallSize + (5 * s);
            var reasonWidth = (width - (2 * gap)) / 3;
            Reasons = new RectF[5];
            for (var r = 0; r < 5; r++)
            {
                Reasons[r] = new RectF(x + ((r % 3) * (reasonWidth + gap)), reasonTop + ((r / 3) * (22 * s + gap)), reasonWidth, 22 * s);
            }

            FrameCaption = reasonTop + (2 * (22 * s + gap)) + (8 * s);
            var chipTop = FrameCaption + ui.SmallSize + (5 * s);
            var chipWidth = 40 * s;
            var perRow = Math.Max(1, (int)((width + gap) / (chipWidth + gap)));
            var shown = Math.Min(frameChoices, perRow * 2);
            FrameChips = new RectF[shown];
            for (var i = 0; i < shown; i++)
            {
                FrameChips[i] = new RectF(x + ((i % perRow) * (chipWidth + gap)), chipTop + ((i / perRow) * (20 * s + gap)), chipWidth, 20 * s);
            }

            FrameNote = chipTop + (2 * (20 * s + gap));
            RefusalTop = FrameNote + (2 * (ui.SmallSize + (3 * s))) + (10 * s);
        }

        public RectF[] Buttons { get; }

        public float ReasonCaption { get; }

        public RectF[] Reasons { get; }

        public float FrameCaption { get; }

        public RectF[] FrameChips { get; }

        public float FrameNote { get; }

        public float RefusalTop { get; }
    }
}
