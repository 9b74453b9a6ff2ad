using System.Globalization;
using System.Numerics;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Screens.Play.Widgets;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// The victim decision (DESIGN.md §7 mechanic 3): the reference string with the cursor on the reference that
/// faulted, the pending decision in words, and the resident pages — each with its frame, when it was loaded and
/// last used, and (as a hint the player turns on with Tab) how far ahead its next use is. The player picks the
/// victim by clicking its lot in the city or its row here, by its row's number key, or with the arrows and Enter.
/// Why a choice is refused comes from the session (<see cref="VictimSession.WhyIllegal"/>), shown under the rows.
/// </summary>
public sealed class VictimPanel : IMechanicPanel
{
    private const int MaxRows = 9;

    /// <summary>The row under the keyboard cursor.</summary>
    public int Cursor { get; private set; }

    /// <summary>Whether each page's next use is shown (the hint; off at first, Tab toggles).</summary>
    public bool ShowsNextUse { get; private set; }

    /// <inheritdoc/>
    public string Title(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return ui.T("Choose the victim", "选择牺牲页");
    }

    /// <inheritdoc/>
    public IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("click a lot", "点击地块", "evict its page", "换出它的页"),
        new("1–9", "1–9", "evict row N", "换出第 N 行"),
        new("↑↓ Enter", "↑↓ Enter", "pick a row", "选择一行"),
        new("Tab", "Tab", "hint: next use", "提示：下次使用"),
    ];

    /// <summary>The rows the panel lists for <paramref name="session"/>: its resident pages in frame order (at most nine).</summary>
    public static IReadOnlyList<VictimRow> RowsOf(VictimSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var references = session.References;
        var now = (int)Math.Min(session.Tick, references.Count);
        var rows = new List<VictimRow>();
        foreach (var frame in session.ResidentFrames().Take(MaxRows))
        {
            var page = session.PageIn(frame);
            int? lastUse = null;
            for (var i = now - 1; i >= 0; i--)
            {
                if (references[i].Page == page)
                {
                    lastUse = i;
                    break;
                }
            }

            int? nextUse = null;
            for (var i = now + 1; i < references.Count; i++)
            {
                if (references[i].Page == page)
                {
                    nextUse = i;
                    break;
                }
            }

            rows.Add(new VictimRow(frame, page, lastUse, nextUse));
        }

        return rows;
    }

    /// <summary>Where row <paramref name="index"/> is drawn in <paramref name="area"/>.</summary>
    public static RectF RowRect(RectF area, int index, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var top = area.Y + RowsTop(ui);
        var height = 30 * ui.Scale;
        return new RectF(area.X + (12 * ui.Scale), top + (index * (height + (4 * ui.Scale))), area.Width - (24 * ui.Scale), height);
    }

    /// <inheritdoc/>
    public PanelAction? Update(LevelSession session, InputState input, RectF area, UiContext ui, CityClick? cityClick)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (session is not VictimSession victim)
        {
            return null;
        }

        if (input.IsKeyPressed(Key.Tab))
        {
            ShowsNextUse = !ShowsNextUse;
        }

        if (cityClick?.Frame is { } clicked)
        {
            return Evict(clicked);
        }

        var rows = RowsOf(victim);
        if (rows.Count == 0)
        {
            return null;
        }

        Cursor = Math.Clamp(Cursor, 0, rows.Count - 1);
        for (var i = 0; i < rows.Count; i++)
        {
            if (input.IsKeyPressed(Key.D1 + i))
            {
                Cursor = i;
                return Evict(rows[i].Frame);
            }

            var rect = RowRect(area, i, ui);
            if (rect.Contains(input.MousePosition))
            {
                if (input.MouseDelta != Vector2.Zero)
                {
                    Cursor = i;
                }

                if (input.IsMousePressed(MouseButton.Left))
                {
                    Cursor = i;
                    return Evict(rows[i].Frame);
                }
            }
        }

        if (input.IsKeyPressed(Key.Down))
        {
            Cursor = (Cursor + 1) % rows.Count;
        }

        if (input.IsKeyPressed(Key.Up))
        {
            Cursor = (Cursor + rows.Count - 1) % rows.Count;
        }

        return input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter) ? Evict(rows[Cursor].Frame) : null;
    }

    /// <inheritdoc/>
    public void Draw(LevelSession session, IRenderBackend backend, RectF area, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        if (session is not VictimSession victim)
        {
            return;
        }

        var x = area.X + (14 * ui.Scale);
        var width = area.Width - (28 * ui.Scale);
        var y = area.Y + (10 * ui.Scale);
        backend.DrawText(Title(ui), new Vector2(x, y), ui.HeadingSize, Palette.HudText);
        y += ui.HeadingSize * 1.5f;
        DrawReferenceString(backend, new RectF(x, y, width, 44 * ui.Scale), victim, ui);
        y += 52 * ui.Scale;
        var pending = Pending(victim, ui);
        TextBlock.Draw(backend, pending, new Vector2(x, y), ui.TextSize, width, victim.IsWaiting ? Palette.Kernel : Palette.TextDim, maxLines: 3);

        var rows = RowsOf(victim);
        var header = RowRect(area, 0, ui);
        backend.DrawText(RowHeader(ui), new Vector2(header.X + (6 * ui.Scale), header.Y - ui.SmallSize - (8 * ui.Scale)), ui.SmallSize, Palette.TextDim);
        for (var i = 0; i < rows.Count; i++)
        {
            DrawRow(backend, RowRect(area, i, ui), rows[i], i, ui, victim);
        }

        var below = (rows.Count > 0 ? RowRect(area, rows.Count - 1, ui).Bottom : header.Y) + (14 * ui.Scale);
        if (victim.LastRefusal is { } why)
        {
            backend.DrawText(ui.T("Why that was refused:", "为什么被拒绝："), new Vector2(x, below), ui.SmallSize, Palette.Fault);
            below = TextBlock.Draw(backend, why, new Vector2(x, below + (ui.SmallSize * 1.5f)), ui.SmallSize, width, Palette.HudText, maxLines: 4) + (8 * ui.Scale);
        }

        TextBlock.Draw(backend, ui.T("Hint: ", "提示：") + victim.Level.Hint.For(ui.Language), new Vector2(x, below), ui.SmallSize, width, Palette.TextDim, maxLines: 4);
    }

    private static float RowsTop(UiContext ui) => (10 * ui.Scale) + (ui.HeadingSize * 1.5f) + (52 * ui.Scale) + (ui.TextSize * 1.35f * 3) + (34 * ui.Scale);

    private static PanelAction Evict(ulong frame) => new("victim", [new("frame", frame.ToString(CultureInfo.InvariantCulture))]);

    private static string Pending(VictimSession session, UiContext ui)
    {
        if (session.IsFinished)
        {
            return ui.T("The trace has ended.", "引用串已经结束。");
        }

        if (!session.IsWaiting)
        {
            return ui.T("No decision is pending: the kernel asks when a page faults and memory is full.", "目前无需决定：只有缺页且内存已满时内核才会问你。");
        }

        var (page, isWrite) = session.References[(int)session.Tick];
        var frames = session.Level.Frames ?? session.ResidentFrames().Count;
        return ui.T(
            string.Create(CultureInfo.InvariantCulture, $"Reference {session.Tick}: page {page} ({(isWrite ? "write" : "read")}) is not resident, and all {frames} frames are full. Which page leaves?"),
            string.Create(CultureInfo.InvariantCulture, $"第 {session.Tick} 次访问：页 {page}（{(isWrite ? "写" : "读")}）不在内存中，{frames} 个页框都已占满。换出哪一页？"));
    }

    private string RowHeader(UiContext ui) => ShowsNextUse
        ? ui.T("#  frame   page   last use   next use", "#  页框   页   最近使用   下次使用")
        : ui.T("#  frame   page   last use   (Tab: next use)", "#  页框   页   最近使用   （Tab：下次使用）");

    private void DrawRow(IRenderBackend backend, RectF rect, VictimRow row, int index, UiContext ui, VictimSession session)
    {
        var active = index == Cursor && session.IsWaiting;
        backend.FillRect(rect, active ? Palette.Tlb : Palette.FreeLot);
        var ink = active ? Palette.LabelOn(Palette.Tlb) : Palette.HudText;
        var last = row.LastUse is { } l ? string.Create(CultureInfo.InvariantCulture, $"{ui.T("tick", "时刻")} {l}") : "—";
        var text = string.Create(CultureInfo.InvariantCulture, $"{index + 1}   #{row.Frame}   {ui.T("page", "页")} {row.Page}   {last}");
        backend.DrawText(text, new Vector2(rect.X + (6 * ui.Scale), rect.Y + ((rect.Height - ui.TextSize) / 2) - 2), ui.TextSize, ink);
        if (ShowsNextUse)
        {
            var next = row.NextUse is { } n
                ? string.Create(CultureInfo.InvariantCulture, $"{ui.T("in", "再过")} {n - session.Tick}{ui.T("", " 次")}")
                : ui.T("never", "不再使用");
            var nextWidth = TextMeasure.Of(backend, next, ui.TextSize).X;
            backend.DrawText(next, new Vector2(rect.Right - nextWidth - (8 * ui.Scale), rect.Y + ((rect.Height - ui.TextSize) / 2) - 2), ui.TextSize,
                row.NextUse is null ? Palette.DataPages : ink);
        }
    }

    // The references around the cursor: done ones dim, the current one (the fault) boxed, the future plain.
    private static void DrawReferenceString(IRenderBackend backend, RectF area, VictimSession session, UiContext ui)
    {
        var references = session.References;
        backend.DrawText(ui.T("Reference string", "引用串"), new Vector2(area.X, area.Y), ui.SmallSize, Palette.TextDim);
        var cell = 26 * ui.Scale;
        var fit = Math.Max(1, (int)(area.Width / cell));
        var now = (int)Math.Min(session.Tick, references.Count);
        var first = Math.Clamp(now - (fit / 3), 0, Math.Max(0, references.Count - fit));
        var y = area.Y + ui.SmallSize + (6 * ui.Scale);
        for (var i = first; i < references.Count && i < first + fit; i++)
        {
            var box = new RectF(area.X + ((i - first) * cell), y, cell - (3 * ui.Scale), cell - (4 * ui.Scale));
            var current = i == now;
            if (current)
            {
                backend.FillRect(box, session.IsWaiting ? Palette.Fault : Palette.Tlb);
            }

            var label = references[i].Page.ToString(CultureInfo.InvariantCulture);
            var labelWidth = TextMeasure.Of(backend, label, ui.TextSize).X;
            var colour = current ? Palette.LabelOn(session.IsWaiting ? Palette.Fault : Palette.Tlb) : i < now ? Palette.TextDim.WithAlpha(140) : Palette.HudText;
            backend.DrawText(label, new Vector2(box.Centre.X - (labelWidth / 2), box.Y + ((box.Height - ui.TextSize) / 2) - 2), ui.TextSize, colour);
        }
    }
}

/// <summary>One resident page as the victim panel lists it.</summary>
/// <param name="Frame">The frame (lot) it is in.</param>
/// <param name="Page">The reference-string page.</param>
/// <param name="LastUse">The tick of its last reference before now, or null.</param>
/// <param name="NextUse">The tick of its next reference after the current one, or null when it is never used again.</param>
public sealed record VictimRow(ulong Frame, ulong Page, int? LastUse, int? NextUse);
