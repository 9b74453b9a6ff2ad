using System.Numerics;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Play.Translate;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// The translate mechanic's panel: the address in binary with each level's index field in its own colour, the walk
/// so far, a window of the current table's entries, what is being typed, the TLB's entries, the explanation of the
/// last refused step and the controls. Keys: digits type the index, arrows move the highlighted entry, Enter reads
/// it, Tab types the physical address (hex, Enter), F then 1–4 names the fault; clicks on an entry row, the
/// buttons, or a lot in the city (during the walk: the current table's entry that points to that lot; after it:
/// the answer, that lot's frame plus the address's offset).
/// </summary>
public sealed class TranslatePanel : IMechanicPanel
{
    private readonly TranslateInput _input = new();

    /// <inheritdoc/>
    public float Width => 440;

    /// <inheritdoc/>
    public IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("0–9, ↑ ↓, PgUp PgDn", "0–9、↑ ↓、PgUp PgDn", "type the index, or move to the entry", "输入索引，或移到某个页表项"),
        new("Enter, click a row", "Enter、点击一行", "read that entry (the next level of the walk)", "读取该页表项（遍历的下一级）"),
        new("Tab, hex digits, Enter", "Tab、十六进制数字、Enter", "answer the physical address", "给出物理地址"),
        new("click a lot", "点击城市里的页框", "read the entry that points to it; after the walk, answer that frame plus the offset", "读取指向它的页表项；遍历结束后，以该页框加上偏移作答"),
        new("F then 1–4", "F 然后 1–4", "the access faults: not present, protection, out of range, reserved", "这次访问缺页：不存在、保护、越界、保留位"),
        new("Esc", "Esc", "stop typing", "取消输入"),
    ];

    /// <inheritdoc/>
    public string Title(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return ui.T("Translate by hand", "手工翻译地址");
    }

    /// <inheritdoc/>
    public PanelAction? Update(LevelSession session, InputState input, RectF area, UiContext ui, CityClick? cityClick)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (session is not TranslateSession translate || translate.Pending is not { } t)
        {
            return null;
        }

        var machine = translate.Kernel.Machine.Description;
        var level = Math.Min(t.EntriesRead, machine.Levels.Count - 1);
        var entries = 1UL << machine.Levels[level].IndexBits;
        _input.Follow(translate.Tick, t.EntriesRead);
        if (cityClick?.Frame is { } lot)
        {
            return ClickLot(translate, t, level, lot);
        }

        if (input.IsMousePressed(MouseButton.Left) && area.Contains(input.MousePosition))
        {
            return Click(new TranslateLayout(area, ui, machine.Levels.Count), input.MousePosition, t, level, entries);
        }

        if (input.Wheel.Y != 0 && area.Contains(input.MousePosition))
        {
            _input.Highlight((ulong)Math.Clamp((long)_input.Cursor - (long)input.Wheel.Y, 0, (long)entries - 1), entries);
        }

        return _input.Keys(input, t, level, entries);
    }

    /// <inheritdoc/>
    public void Draw(LevelSession session, IRenderBackend backend, RectF area, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        var machine = session.Kernel.Machine.Description;
        var layout = new TranslateLayout(area, ui, machine.Levels.Count);
        backend.FillRect(area, Palette.HudBackground);
        backend.DrawText(Title(ui), layout.Heading.Position, ui.HeadingSize, Palette.HudText);
        if (session is not TranslateSession translate)
        {
            return;
        }

        if (translate.Pending is not { } t)
        {
            var status = translate.IsWon ? ui.T("Every translation is done.", "全部地址都已翻译完成。")
                : translate.FailureIn(ui.Language) ?? ui.T("The program runs to its next memory access…", "程序正在运行到下一次内存访问……");
            DrawWrapped(backend, status, layout.Access with { Height = layout.Line * 3 }, ui.TextSize, Palette.Text, layout.Line);
            return;
        }

        var access = ui.T(
            FormattableString.Invariant($"Access {translate.Tick + 1} of {translate.Goal}: {TranslateBitsView.AccessVerb(t.Access, false)} 0x{t.VirtualAddress:x}  (program line {t.Line})"),
            FormattableString.Invariant($"第 {translate.Tick + 1}/{translate.Goal} 次访问：{TranslateBitsView.AccessVerb(t.Access, true)} 0x{t.VirtualAddress:x}（程序第 {t.Line} 行）"));
        backend.DrawText(access, layout.Access.Position, ui.TextSize, Palette.Text);
        TranslateBitsView.Draw(backend, layout.Bits, ui, machine, t);
        DrawWalk(backend, layout, ui, machine, t);
        DrawTable(backend, layout, ui, translate, t);
        DrawTyping(backend, layout, ui, machine, t);
        DrawButtons(backend, layout, ui);
        DrawTlb(backend, layout, ui, translate);
        var y = layout.Rest.Y;
        if (translate.LastRefusalIn(ui.Language) is { } why)
        {
            y = DrawWrapped(backend, "✗ " + why, layout.Rest, ui.TextSize, Palette.Fault, layout.Line);
        }

        foreach (var control in Controls)
        {
            if (y + layout.Line > layout.Rest.Bottom)
            {
                break;
            }

            y = DrawWrapped(backend, control.KeysIn(ui) + ": " + control.WhatIn(ui), layout.Rest with { Y = y, Height = layout.Rest.Bottom - y },
                ui.SmallSize, Palette.TextDim, ui.SmallSize * 1.4f);
        }
    }

    // A lot clicked in the city: during the walk, the entry of the current table that points to that lot (the next
    // table, or at the leaf the page); after the walk, or straight away, the answer: that lot's frame plus the offset.
    private static PanelAction? ClickLot(TranslateSession session, PendingTranslation t, int level, ulong lot)
    {
        var machine = session.Kernel.Machine.Description;
        if (!t.WalkComplete)
        {
            var table = level == 0 ? session.Kernel.Machine.Mmu.Cr3 : t.Steps[level - 1].Frame << machine.PageShift;
            var width = machine.Pte.WidthBytes;
            for (ulong index = 0; index < 1UL << machine.Levels[level].IndexBits; index++)
            {
                var entry = session.Kernel.Machine.Memory.Read(table + (index * (ulong)width), width);
                if ((machine.Pte.Decode(entry) & PteBits.Present) != 0 && machine.Pte.FrameOf(entry) == lot)
                {
                    return TranslateInput.ReadEntry(level, index);
                }
            }

            if (t.EntriesRead > 0)
            {
                return null;
            }
        }

        return TranslateInput.AnswerPhysical((lot << machine.PageShift) | (t.VirtualAddress & (machine.PageSize - 1)));
    }

    private PanelAction? Click(TranslateLayout layout, Vector2 at, PendingTranslation t, int level, ulong entries)
    {
        var first = TranslateLayout.FirstRow(_input.Cursor, entries);
        for (var i = 0; i < layout.Rows.Count; i++)
        {
            if (layout.Rows[i].Contains(at) && !t.WalkComplete && first + (ulong)i < entries)
            {
                return TranslateInput.ReadEntry(level, first + (ulong)i);
            }
        }

        if (layout.Buttons[0].Contains(at) && !t.WalkComplete)
        {
            return TranslateInput.ReadEntry(level, _input.Cursor);
        }

        if (layout.Buttons[1].Contains(at))
        {
            _input.Enter(TranslateInputMode.Physical);
        }

        if (layout.Buttons[2].Contains(at))
        {
            _input.Enter(TranslateInputMode.Fault);
        }

        for (var i = 0; i < layout.FaultButtons.Count; i++)
        {
            if (layout.FaultButtons[i].Contains(at))
            {
                return TranslateInput.AnswerFault(FaultWords.All[i]);
            }
        }

        return null;
    }

    private static void DrawWalk(IRenderBackend backend, TranslateLayout layout, UiContext ui, MachineDescription machine, PendingTranslation t)
    {
        for (var level = 0; level < machine.Levels.Count; level++)
        {
            var at = new Vector2(layout.Walk.X, layout.Walk.Y + (level * layout.Line));
            var name = machine.Levels[level].Name;
            if (level >= t.EntriesRead)
            {
                // Before the first read the player may also answer from the TLB: say so, without saying whether it can.
                var waiting = level != t.EntriesRead || t.WalkComplete ? ""
                    : level == 0 && machine.Tlb.Entries > 0 ? ui.T("  ← start here, or Tab if the TLB has it", "  ← 从这里开始；TLB 有这一页就按 Tab")
                    : ui.T("  ← the walk is here", "  ← 正在读这一级");
                backend.DrawText(name + ": ?" + waiting, at, ui.TextSize, level == t.EntriesRead ? Palette.Text : Palette.TextDim);
                continue;
            }

            var step = t.Steps[level];
            backend.DrawText($"{name}[{step.Index}] = {EntryText(machine, step.Entry, ui)}", at, ui.TextSize, TranslateBitsView.LevelColour(level));
        }
    }

    private void DrawTable(IRenderBackend backend, TranslateLayout layout, UiContext ui, TranslateSession session, PendingTranslation t)
    {
        var machine = session.Kernel.Machine.Description;
        if (t.WalkComplete)
        {
            var done = t.Steps.Count == 0
                ? ui.T("No table to read for this address.", "这个地址没有页表可读。")
                : ui.T("The walk has stopped: answer the physical address (Tab) or the fault (F).", "遍历已经停下：给出物理地址（Tab）或缺页类型（F）。");
            DrawWrapped(backend, done, layout.TableHeading with { Height = layout.Line * 3 }, ui.TextSize, Palette.Text, layout.Line);
            return;
        }

        var level = t.EntriesRead;
        var table = level == 0 ? session.Kernel.Machine.Mmu.Cr3 : t.Steps[level - 1].Frame << machine.PageShift;
        var entries = 1UL << machine.Levels[level].IndexBits;
        var heading = ui.T(
            FormattableString.Invariant($"{machine.Levels[level].Name} table in frame 0x{table >> machine.PageShift:x} ({entries} entries)"),
            FormattableString.Invariant($"{machine.Levels[level].Name} 页表，位于页框 0x{table >> machine.PageShift:x}（{entries} 项）"));
        backend.DrawText(heading, layout.TableHeading.Position, ui.TextSize, TranslateBitsView.LevelColour(level));
        var first = TranslateLayout.FirstRow(_input.Cursor, entries);
        var width = machine.Pte.WidthBytes;
        for (var i = 0; i < layout.Rows.Count && first + (ulong)i < entries; i++)
        {
            var index = first + (ulong)i;
            var row = layout.Rows[i];
            if (index == _input.Cursor)
            {
                backend.FillRect(row, Palette.PageTableBureau.WithAlpha(90));
                backend.DrawRect(row, Palette.Highlight);
            }

            var entry = session.Kernel.Machine.Memory.Read(table + (index * (ulong)width), width);
            backend.DrawText(FormattableString.Invariant($"{index,4}  {EntryText(machine, entry, ui)}"), new Vector2(row.X + 4, row.Y), ui.TextSize, Palette.Text);
        }
    }

    private void DrawTyping(IRenderBackend backend, TranslateLayout layout, UiContext ui, MachineDescription machine, PendingTranslation t)
    {
        var name = machine.Levels[Math.Min(t.EntriesRead, machine.Levels.Count - 1)].Name;
        var text = _input.Mode switch
        {
            TranslateInputMode.Physical => ui.T($"Physical address: 0x{_input.Typed}▏  (Enter answers, Esc stops)", $"物理地址：0x{_input.Typed}▏（Enter 作答，Esc 取消）"),
            TranslateInputMode.Fault => ui.T("Which fault? 1 not present · 2 protection · 3 out of range · 4 reserved", "哪种缺页？1 不存在 · 2 保护 · 3 越界 · 4 保留位"),
            _ when t.WalkComplete => ui.T("Tab: type the physical address · F: the fault", "Tab：输入物理地址 · F：缺页"),
            _ => ui.T(FormattableString.Invariant($"Index into {name}: {_input.Typed}▏  (highlighted: {_input.Cursor})"),
                FormattableString.Invariant($"{name} 的索引：{_input.Typed}▏（当前选中：{_input.Cursor}）")),
        };
        backend.DrawText(text, layout.Typing.Position, ui.TextSize, Palette.HudText);
    }

    private void DrawButtons(IRenderBackend backend, TranslateLayout layout, UiContext ui)
    {
        string[] labels = [ui.T("Enter: read entry", "Enter：读取页表项"), ui.T("Tab: physical address", "Tab：物理地址"), ui.T("F: fault", "F：缺页")];
        for (var i = 0; i < labels.Length; i++)
        {
            var active = (i == 1 && _input.Mode == TranslateInputMode.Physical) || (i == 2 && _input.Mode == TranslateInputMode.Fault);
            Button(backend, layout.Buttons[i], labels[i], ui.SmallSize, active);
        }

        string[] faults = [ui.T("1 not present", "1 不存在"), ui.T("2 protection", "2 保护"), ui.T("3 out of range", "3 越界"), ui.T("4 reserved", "4 保留位")];
        for (var i = 0; i < faults.Length; i++)
        {
            Button(backend, layout.FaultButtons[i], faults[i], ui.SmallSize, _input.Mode == TranslateInputMode.Fault);
        }
    }

    private static void Button(IRenderBackend backend, RectF rect, string label, float size, bool active)
    {
        backend.FillRect(rect, active ? Palette.Tlb.WithAlpha(110) : Palette.FreeLot);
        backend.DrawRect(rect, active ? Palette.Highlight : Palette.TextDim);
        var measured = backend.MeasureText(label, size);
        backend.DrawText(label, new Vector2(rect.X + ((rect.Width - measured.X) / 2), rect.Y + ((rect.Height - measured.Y) / 2)), size, Palette.HudText);
    }

    private static void DrawTlb(IRenderBackend backend, TranslateLayout layout, UiContext ui, TranslateSession session)
    {
        var machine = session.Kernel.Machine;
        var entries = machine.Mmu.Tlb.Snapshot().OrderBy(e => e.Set).ThenBy(e => e.Way)
            .Select(e => FormattableString.Invariant($"0x{e.VirtualBase >> e.PageShift:x}→0x{e.PhysicalBase >> machine.Description.PageShift:x}{(e.Writable ? (e.Dirty ? " wd" : " w") : "")}"));
        var text = ui.T("TLB (page→frame): ", "TLB（页→页框）：") + string.Join(" · ", entries.DefaultIfEmpty(ui.T("empty", "空")));
        backend.DrawText(text, layout.Tlb.Position, ui.SmallSize, Palette.Tlb);
    }

    private static string EntryText(MachineDescription machine, ulong entry, UiContext ui)
    {
        var flags = machine.Pte.Decode(entry);
        if ((flags & PteBits.Present) == 0)
        {
            return ui.T("empty (P=0)", "无效（P=0）");
        }

        var bits = string.Join(" ", new[] { "P", (flags & PteBits.Writable) != 0 ? "W" : "-", (flags & PteBits.User) != 0 ? "U" : "-",
            (flags & PteBits.NoExecute) != 0 ? "NX" : "--", (flags & PteBits.Accessed) != 0 ? "A" : "-", (flags & PteBits.Dirty) != 0 ? "D" : "-" });
        return FormattableString.Invariant($"0x{entry:x16}  {bits}  → {ui.T("frame", "页框")} 0x{machine.Pte.FrameOf(entry):x}");
    }

    // Draws text word-wrapped (Chinese wraps anywhere) inside area; returns the y below the last line.
    private static float DrawWrapped(IRenderBackend backend, string text, RectF area, float size, Colour colour, float line)
    {
        var y = area.Y;
        foreach (var row in TranslateBitsView.Wrap(text, area.Width, s => backend.MeasureText(s, size).X))
        {
            if (y + line > area.Bottom + 0.5f)
            {
                break;
            }

            backend.DrawText(row, new Vector2(area.X, y), size, colour);
            y += line;
        }

        return y;
    }
}
