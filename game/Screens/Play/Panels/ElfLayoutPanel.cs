using System.Globalization;
using System.Numerics;
using VmQuest.Engine.Formats.Elf;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Play.ElfLayout;
using VmQuest.Play.Permissions;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// The ELF-layout mechanic's panel: the file's program headers as <c>readelf -l</c> prints them, and under them the
/// placement the player builds, one row per mapping execve makes (start, end, perms, source). Keyboard: arrows or Tab
/// choose the cell, typing fills it (hex for addresses, r w x toggle perms, z for zero-fill or hex for a file
/// offset), Enter places it, F5 runs. Mouse: click a cell to choose it, click Run. A click on a street in the city
/// chooses the mapping that holds the clicked page.
/// </summary>
public sealed class ElfLayoutPanel : IMechanicPanel
{
    private int _row;
    private int _field;
    private string _typed = "";

    /// <inheritdoc/>
    public float Width => 660;

    /// <inheritdoc/>
    public IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("arrows / Tab / click a cell", "方向键 / Tab / 点击单元格", "choose a mapping's field", "选择映射的字段"),
        new("0-9 a-f", "0-9 a-f", "type an address or file offset (hex)", "输入地址或文件偏移（十六进制）"),
        new("R W X", "R W X", "toggle the permissions", "切换权限"),
        new("Z", "Z", "source: zero-fill (no file bytes)", "来源：零填充（不来自文件）"),
        new("Enter", "Enter", "place the value", "填入该值"),
        new("F5 / click Run", "F5 / 点击运行", "exec the program with your layout", "按你的布局执行程序"),
    ];

    /// <inheritdoc/>
    public string Title(UiContext ui) => ui.T("Lay out the ELF", "布置 ELF");

    /// <summary>What has been typed into the chosen cell and not yet placed.</summary>
    public string Typed => _typed;

    /// <inheritdoc/>
    public PanelAction? Update(LevelSession session, InputState input, RectF area, UiContext ui, CityClick? cityClick)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (session is not ElfLayoutSession play || play.IsLaunched)
        {
            return null;
        }

        var layout = new ElfLayout(area, ui, play.Elf.ProgramHeaders.Count, play.MappingCount);
        var (row, field) = (_row, _field);
        if (cityClick is { Va: { } va })
        {
            var hit = play.Rows.ToList().FindIndex(r => r.Start <= va && va < r.End);
            row = hit >= 0 ? hit : row;
        }

        row += (input.IsKeyPressed(Key.Down) ? 1 : 0) - (input.IsKeyPressed(Key.Up) ? 1 : 0);
        field += (input.IsKeyPressed(Key.Right) || input.IsKeyPressed(Key.Tab) ? 1 : 0) - (input.IsKeyPressed(Key.Left) ? 1 : 0);
        if (input.IsMousePressed(MouseButton.Left) && area.Contains(input.MousePosition))
        {
            if (layout.RunButton.Contains(input.MousePosition))
            {
                return new PanelAction("run", []);
            }

            for (var r = 0; r < play.MappingCount; r++)
            {
                for (var f = 0; f < 4; f++)
                {
                    if (layout.Cell(r, f).Contains(input.MousePosition))
                    {
                        (row, field) = (r, f);
                    }
                }
            }
        }

        row = Math.Clamp(row, 0, play.MappingCount - 1);
        field = ((field % 4) + 4) % 4;
        if ((row, field) != (_row, _field))
        {
            (_row, _field, _typed) = (row, field, "");
        }

        if (input.IsKeyPressed(Key.F5))
        {
            return new PanelAction("run", []);
        }

        Type(play, input);
        if ((input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter)) && Value(play) is { } value)
        {
            _typed = "";
            return new PanelAction("place", [new("mapping", _row.ToString(CultureInfo.InvariantCulture)), new("field", LayoutFields.Names[_field]), new("value", value)]);
        }

        return null;
    }

    /// <inheritdoc/>
    public void Draw(LevelSession session, IRenderBackend backend, RectF area, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        if (session is not ElfLayoutSession play)
        {
            return;
        }

        var layout = new ElfLayout(area, ui, play.Elf.ProgramHeaders.Count, play.MappingCount);
        backend.FillRect(area, Palette.HudBackground);
        backend.DrawText(Title(ui) + "  —  " + play.Elf.Path, new Vector2(layout.Left, area.Y + (8 * ui.Scale)), ui.HeadingSize, Palette.HudText);
        backend.DrawText(ui.T(Invariant($"Program headers (readelf -l), entry point 0x{play.Elf.Entry:x}:"), Invariant($"程序头（readelf -l），入口地址 0x{play.Elf.Entry:x}：")),
            new Vector2(layout.Left, layout.HeadersY), ui.TextSize, Palette.Text);
        string[] columns = ["Type", "Offset", "VirtAddr", "FileSiz", "MemSiz", "Flg", "Align"];
        for (var c = 0; c < columns.Length; c++)
        {
            backend.DrawText(columns[c], new Vector2(layout.Column(c), layout.HeaderRowY(-1)), ui.SmallSize, Palette.TextDim);
        }

        for (var i = 0; i < play.Elf.ProgramHeaders.Count; i++)
        {
            var h = play.Elf.ProgramHeaders[i];
            string[] cells =
            [
                i.ToString("00", CultureInfo.InvariantCulture) + " " + TypeName(h.Type), Invariant($"0x{h.Offset:x6}"), Invariant($"0x{h.VirtualAddress:x16}"),
                Invariant($"0x{h.FileSize:x6}"), Invariant($"0x{h.MemorySize:x6}"), ElfLayoutRules.Flags(h), Invariant($"0x{h.Align:x}"),
            ];
            for (var c = 0; c < cells.Length; c++)
            {
                backend.DrawText(cells[c], new Vector2(layout.Column(c), layout.HeaderRowY(i)), ui.SmallSize, h.Type == ProgramHeaderType.Load ? Palette.Text : Palette.TextDim);
            }
        }

        backend.DrawText(ui.T("Your layout (one row per mapping execve makes):", "你的布局（execve 建立的每个映射一行）："), new Vector2(layout.Left, layout.LayoutTitleY), ui.TextSize, Palette.Text);
        string[] heads = [ui.T("start", "起始"), ui.T("end", "结束"), ui.T("perms", "权限"), ui.T("source", "来源")];
        for (var f = 0; f < 4; f++)
        {
            backend.DrawText(heads[f], new Vector2(layout.Cell(0, f).X, layout.RowY(0) - (18 * ui.Scale)), ui.SmallSize, Palette.TextDim);
        }

        for (var r = 0; r < play.MappingCount; r++)
        {
            backend.DrawText(Invariant($"{r}  ← PT_LOAD #{play.SegmentOf(r)}"), new Vector2(layout.Left, layout.RowY(r) + (3 * ui.Scale)), ui.SmallSize, Palette.TextDim);
            for (var f = 0; f < 4; f++)
            {
                var cell = layout.Cell(r, f);
                var chosen = !play.IsLaunched && r == _row && f == _field;
                backend.FillRect(cell, chosen ? Palette.TextPages : Palette.FreeLot);
                backend.DrawRect(cell, chosen ? Palette.Highlight : Palette.TextDim);
                var shown = chosen && _typed.Length > 0 ? _typed + "▏" : CellText(play.Rows[r], (LayoutField)f) ?? "?";
                backend.DrawText(shown, new Vector2(cell.X + (6 * ui.Scale), cell.Y + (3 * ui.Scale)), ui.SmallSize, Palette.LabelOn(chosen ? Palette.TextPages : Palette.FreeLot));
            }
        }

        if (!play.IsLaunched)
        {
            backend.FillRect(layout.RunButton, Palette.DataPages);
            backend.DrawText(ui.T("Run  (F5)", "运行  (F5)"), new Vector2(layout.RunButton.X + (10 * ui.Scale), layout.RunButton.Y + (6 * ui.Scale)), ui.TextSize, Palette.LabelOn(Palette.DataPages));
        }

        var status = play.IsWon ? ui.T("execve built exactly your layout, and the program ran to its exit.", "execve 建立的正是你的布局，程序已运行至退出。")
            : play.IsLaunched ? ui.T(Invariant($"Running with your layout: tick {play.Tick}."), Invariant($"按你的布局运行中：第 {play.Tick} 拍。"))
            : ui.T(Invariant($"Placed {play.Rows.Sum(r => Enum.GetValues<LayoutField>().Count(r.Has))} of {4 * play.MappingCount} fields."),
                Invariant($"已填 {play.Rows.Sum(r => Enum.GetValues<LayoutField>().Count(r.Has))} / {4 * play.MappingCount} 个字段。"));
        backend.DrawText(status, new Vector2(layout.RunButton.Right + (16 * ui.Scale), layout.RunButton.Y + (6 * ui.Scale)), ui.TextSize, Palette.Text);
        var y = layout.RunButton.Bottom + (10 * ui.Scale);
        if (play.LastRefusalIn(ui.Language) is { } why)
        {
            y = PermissionsPanel.Wrapped(backend, ui.T("Refused: ", "被拒绝：") + why, layout.Left, y, layout.Width, ui.SmallSize, Palette.Fault);
        }

        var help = string.Join("  ·  ", Controls.Select(c => $"{c.KeysIn(ui)}: {c.WhatIn(ui)}"));
        PermissionsPanel.AtBottom(backend, help, layout.Left, y + (6 * ui.Scale), area.Bottom - (6 * ui.Scale), layout.Width, ui.SmallSize, Palette.TextDim);
    }

    private void Type(ElfLayoutSession play, InputState input)
    {
        if (input.IsKeyPressed(Key.Backspace) && _typed.Length > 0)
        {
            _typed = _typed[..^1];
        }

        var field = (LayoutField)_field;
        if (field == LayoutField.Perms)
        {
            var current = _typed.Length == 3 ? _typed : CellText(play.Rows[_row], field) ?? "---";
            foreach (var (key, slot, letter) in new[] { (Key.R, 0, 'r'), (Key.W, 1, 'w'), (Key.X, 2, 'x') })
            {
                if (input.IsKeyPressed(key))
                {
                    var chars = current.ToCharArray();
                    chars[slot] = chars[slot] == letter ? '-' : letter;
                    current = new string(chars);
                    _typed = current;
                }
            }

            return;
        }

        if (field == LayoutField.Source && input.IsKeyPressed(Key.Z))
        {
            _typed = LayoutValues.Zero;
            return;
        }

        foreach (var c in input.Text.ToLowerInvariant())
        {
            if (Uri.IsHexDigit(c) && _typed.Length < 16 && _typed != LayoutValues.Zero)
            {
                _typed += c;
            }
        }
    }

    // The chosen cell's typed text as an action value: hex gets its 0x, a source its file@.
    private string? Value(ElfLayoutSession play)
    {
        if (_typed.Length == 0)
        {
            return null;
        }

        return (LayoutField)_field switch
        {
            LayoutField.Perms => _typed,
            LayoutField.Source when _typed == LayoutValues.Zero => LayoutValues.Zero,
            LayoutField.Source => LayoutValues.FilePrefix + "0x" + _typed,
            _ => "0x" + _typed,
        };
    }

    private static string? CellText(LayoutRow row, LayoutField field) => field switch
    {
        LayoutField.Start => row.Start is { } s ? LayoutValues.Hex(s) : null,
        LayoutField.End => row.End is { } e ? LayoutValues.Hex(e) : null,
        LayoutField.Perms => row.Perms is { } p ? PermissionText.Format(p) : null,
        _ => row.SourceText,
    };

    private static string TypeName(ProgramHeaderType type) => type switch
    {
        ProgramHeaderType.Load => "LOAD",
        ProgramHeaderType.Interp => "INTERP",
        ProgramHeaderType.Dynamic => "DYNAMIC",
        ProgramHeaderType.Note => "NOTE",
        ProgramHeaderType.Phdr => "PHDR",
        ProgramHeaderType.GnuStack => "GNU_STACK",
        ProgramHeaderType.GnuRelro => "GNU_RELRO",
        ProgramHeaderType.GnuProperty => "GNU_PROPERTY",
        ProgramHeaderType.GnuEhFrame => "GNU_EH_FRAME",
        ProgramHeaderType.Tls => "TLS",
        var other => "0x" + ((uint)other).ToString("x", CultureInfo.InvariantCulture),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where everything is, from the area and the scale alone, so Update's hit tests and Draw agree.</summary>
    private readonly record struct ElfLayout(RectF Area, UiContext Ui, int Headers, int Mappings)
    {
        private float S => Ui.Scale;

        public float Left => Area.X + (12 * S);

        public float Width => Area.Width - (24 * S);

        public float HeadersY => Area.Y + (40 * S);

        public float HeaderRowY(int i) => HeadersY + (40 * S) + (i * 17 * S);

        public float Column(int c)
        {
            float[] x = [0, 118, 190, 336, 408, 480, 520];
            return Left + (x[c] * S);
        }

        public float LayoutTitleY => HeaderRowY(Headers) + (12 * S);

        public float RowY(int r) => LayoutTitleY + (46 * S) + (r * 26 * S);

        public RectF Cell(int r, int f)
        {
            float[] x = [130, 250, 370, 450];
            float[] w = [110, 110, 70, 120];
            return new RectF(Left + (x[f] * S), RowY(r), w[f] * S, 22 * S);
        }

        public RectF RunButton => new(Left, RowY(Mappings) + (8 * S), 120 * S, 28 * S);
    }
}
