using System.Numerics;
using VmQuest.City.Animation;
using VmQuest.City.Hud;
using VmQuest.City.Physical;
using VmQuest.Platform;

namespace VmQuest.City;

/// <summary>Drawing: reads the simulation and the view's caches, changes nothing.</summary>
public sealed partial class CityView
{
    /// <summary>Draws the whole view. Changes no state (simulation or view).</summary>
    public void Draw(IRenderBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var kernel = _simulation.Kernel;
        if (_options.Viewport is { } viewport)
        {
            backend.FillRect(viewport, Palette.Background);
        }
        else
        {
            backend.Clear(Palette.Background);
        }

        backend.SetClip(Layout.City);
        var visible = Camera.ScreenToWorld(Layout.City);
        backend.BeginCamera(Camera);
        if (DrawsTexture && _texture is { } texture)
        {
            texture.Draw(visible, Camera.Zoom);
        }
        else
        {
            _lots.Draw(backend, Grid, _classifier, visible);
        }

        backend.EndCamera();
        if (!DrawsTexture)
        {
            DrawProcessLots(backend, visible);
        }

        if (Camera.Zoom < LotLabelZoom)
        {
            DistrictOverlay.Draw(backend, Grid, Camera, Layout.City, kernel.Machine.Description.PageSize, DrawsTexture);
        }

        HugePageOverlay.Draw(backend, Grid, Camera, Layout.City, kernel);

        if (!DrawsTexture && Camera.Zoom >= LotLabelZoom)
        {
            DrawLotLabels(backend, visible);
        }

        DrawEffects(backend);
        DrawRoute(backend);
        DrawOutline(backend, HoveredFrame, Palette.Highlight, 1);
        DrawOutline(backend, SelectedFrame, Palette.Kernel, 3);
        DrawSelectionBox(backend);
        backend.SetClip(null);

        DrawHarbour(backend);
        _virtual.Draw(backend, Layout.Virtual, kernel, SelectedPid);
        DrawSidePanel(backend);
        if (_console.IsOpen)
        {
            ConsolePanel.Draw(backend, Layout.City, _console, SelectedPid, caretOn: true);
        }

        if (_settingsPanel.IsOpen)
        {
            _settingsPanel.Draw(backend, Layout.City);
        }

        var pulse = _simulation.Animations.Effects.Length > 0 && _loop.Speed != SimulationSpeed.Paused;
        if (!_options.Embedded)
        {
            _hud.Draw(backend, Layout.Hud, kernel, _loop.Speed, _elapsed(), _objective, pulse, _simulation.Driver.FaultCount);
        }

        if (ShowsHelp)
        {
            HelpOverlay.Draw(backend, backend.Width, backend.Height);
        }
        else if (_tooltip.Count > 0 && !_settingsPanel.IsOpen)
        {
            TooltipPanel.Draw(backend, _tooltip, _mouse);
        }
    }

    // The selected process's lots, outlined in the highlight colour (close-up only: at most a screen of lots).
    private void DrawProcessLots(IRenderBackend backend, RectF visible)
    {
        if (SelectedPid == 0)
        {
            return;
        }

        var frames = _simulation.Kernel.Frames;
        foreach (var frame in new VisibleLots(Grid, visible))
        {
            if (frames.OwnerOf((ulong)frame) == SelectedPid && _classifier.KindOf(frame) != LotKind.Free)
            {
                backend.DrawRect(LotScreenRect(frame), Palette.Highlight, 2);
            }
        }
    }

    // What is selected, pinned at the city's top-left (the tooltip follows the mouse; this stays).
    private void DrawSelectionBox(IRenderBackend backend)
    {
        // Embedded in a level, a click is a move (the panel says what it did); the box would cover the lots in play.
        if (_options.Embedded)
        {
            return;
        }

        _selectionBox.Draw(backend, SelectedFrame >= 0 ? "Selected lot (click empty ground to clear)" : "Selected process (click empty ground to clear)");
    }

    private RectF LotScreenRect(long frame) => Camera.WorldToScreen(new RectF(Grid.LotOrigin(frame).X, Grid.LotOrigin(frame).Y, 1, 1));

    // A lot's screen rect, grown to at least 6 pixels so effects stay visible when zoomed out.
    private RectF VisibleLotRect(long frame)
    {
        var rect = LotScreenRect(frame);
        if (rect.Width >= 6)
        {
            return rect;
        }

        var centre = rect.Centre;
        return new RectF(centre.X - 3, centre.Y - 3, 6, 6);
    }

    private void DrawOutline(IRenderBackend backend, long frame, Colour colour, float thickness)
    {
        if (frame >= 0)
        {
            backend.DrawRect(VisibleLotRect(frame), colour, thickness);
        }
    }

    private void DrawLotLabels(IRenderBackend backend, RectF visible)
    {
        Span<char> text = stackalloc char[32];
        Span<char> count = stackalloc char[16];
        var size = MathF.Round(Math.Clamp(Camera.Zoom / 4.2f, 10, 15));
        if (!_labelWidths.TryGetValue(size, out var widths))
        {
            widths = new TextWidths(backend, size);
            _labelWidths[size] = widths;
        }

        foreach (var frame in new VisibleLots(Grid, visible))
        {
            var lot = _classifier.Inspect(frame, searchSharers: false);
            var rect = LotScreenRect(frame);
            var left = rect.X + ((0.08f + LotRectDrawer.OwnerBand) * rect.Width) + 3;
            var ink = Palette.LabelOn(lot.Shared ? Palette.CowPrimary : LotColours.Of(lot.Kind));
            var ok = text.TryWrite(TextSpan.Culture, $"#{frame}", out var written);
            TextSpan.Draw(backend, text, ok, written, new Vector2(left, rect.Y + 4), size, ink);
            var line1 = ok ? widths.Of(text[..written]) : 0;
            if (lot.Kind == LotKind.Free)
            {
                continue;
            }

            // The zero page's lower lines sit in its hollow, on the ground's colour.
            ink = lot.Kind == LotKind.ZeroPage ? Palette.LabelOn(Palette.Background) : ink;
            var word = ShortWord(lot.Kind);
            backend.DrawText(word, new Vector2(left, rect.Y + 5 + size), size, ink);
            var line2 = widths.Of(word);
            var line3 = float.MaxValue;
            if (lot.Owner > 0 && lot.Kind != LotKind.Kernel && rect.Height >= 3.4f * size)
            {
                ok = text.TryWrite(TextSpan.Culture, $"p{lot.Owner}", out written);
                TextSpan.Draw(backend, text, ok, written, new Vector2(left, rect.Y + 6 + (2 * size)), size, ink);
                line3 = ok ? widths.Of(text[..written]) : 0;
            }
            else if (rect.Height >= 3.4f * size)
            {
                line3 = 0;
            }

            if (lot.MapCount > 1 && lot.Kind != LotKind.PageTable && count.TryWrite(TextSpan.Culture, $"×{lot.MapCount}", out var countLength))
            {
                // The share count goes right-aligned on the lowest line with room beside its text (measured), so a
                // long pid or frame number never runs into it; with no room anywhere the tooltip still has it.
                var countWidth = widths.Of(count[..countLength]);
                var right = rect.Right - 4 - countWidth;
                var row = line3 != float.MaxValue && left + line3 + 4 <= right ? 2 : left + line2 + 4 <= right ? 1 : left + line1 + 4 <= right ? 0 : -1;
                if (row >= 0)
                {
                    var background = lot.Shared ? Palette.CowSecondary : lot.Kind == LotKind.ZeroPage ? Palette.Background : LotColours.Of(lot.Kind);
                    var y = rect.Y + 4 + (row * (size + 1));
                    TextSpan.Draw(backend, count, true, countLength, new Vector2(right, y), size, Palette.LabelOn(background));
                }
            }
        }
    }

    private static string ShortWord(LotKind kind) => kind switch
    {
        LotKind.PageTable => "PT",
        LotKind.ZeroPage => "0 零页",
        _ => LotColours.WordOf(kind),
    };

    private void DrawEffects(IRenderBackend backend)
    {
        var hall = new Vector2(Layout.Side.X, Layout.Side.Y + 30);
        var harbour = Layout.Harbour;
        foreach (var effect in _simulation.Animations.Effects)
        {
            if (effect.Frame < 0 || effect.Frame >= Grid.FrameCount)
            {
                continue;
            }

            var lot = VisibleLotRect(effect.Frame);
            var fade = effect.Age < 12 ? (byte)255 : (byte)(255 * (CityAnimations.Lifetime - effect.Age) / (CityAnimations.Lifetime - 12));
            switch (effect.Kind)
            {
                case CityEffectKind.Fault:
                    backend.FillRect(lot, Palette.Fault.WithAlpha(fade));
                    if (effect.Age < 14)
                    {
                        // The courier: from city hall (CR3) to the lot the fault built.
                        var t = effect.Age / 14f;
                        var head = Vector2.Lerp(hall, lot.Centre, t);
                        backend.DrawLine(hall, head, Palette.Fault.WithAlpha(160), 1);
                        backend.FillRect(new RectF(head.X - 3, head.Y - 3, 6, 6), Palette.Fault);
                    }

                    break;
                case CityEffectKind.CowCopy:
                    backend.FillRect(lot, Palette.CowSecondary.WithAlpha(fade));
                    backend.DrawRect(lot, Palette.CowPrimary.WithAlpha(fade), 2);
                    break;
                case CityEffectKind.Eviction:
                    // The house sails from its lot down to the harbour.
                    var p = Math.Min(1f, effect.Age / 24f);
                    var dock = new Vector2(harbour.X + 120 + (effect.Frame * 37 % Math.Max(1, (long)harbour.Width - 160)), harbour.Y + 6);
                    var at = Vector2.Lerp(lot.Centre, dock, p);
                    backend.DrawRect(lot, Palette.Swap.WithAlpha(fade), 2);
                    backend.FillRect(new RectF(at.X - 4, at.Y - 4, 8, 8), Palette.Swap);
                    backend.DrawRect(new RectF(at.X - 4, at.Y - 4, 8, 8), Palette.Highlight.WithAlpha(fade), 1);
                    break;
            }
        }
    }

    // The newest translation's road: city hall (CR3) → each page-table frame of the walk → the lot, with a
    // courier running along it and the level names at the bureau stops.
    private void DrawRoute(IRenderBackend backend)
    {
        var stops = _route.Stops;
        if (stops.Length < 2)
        {
            return;
        }

        var levels = _simulation.Kernel.Machine.Description.Levels;
        Span<System.Numerics.Vector2> points = stackalloc System.Numerics.Vector2[stops.Length + 1];
        points[0] = new Vector2(Layout.City.Right - 2, Layout.Side.Y + 30);
        for (var i = 0; i < stops.Length; i++)
        {
            points[i + 1] = VisibleLotRect(stops[i]).Centre;
        }

        var fade = (byte)Math.Clamp(255 - (_route.Age * 6), 60, 255);

        // Where the road enters the city: a tag naming the root register, so the line reads as coming from city hall.
        var entry = points[0];
        var register = _simulation.Kernel.Machine.Description.RootRegister;
        backend.FillRect(new RectF(entry.X - 44, entry.Y - 8, 42, 16), Palette.HudBackground.WithAlpha(fade));
        backend.DrawText(register, new Vector2(entry.X - 40, entry.Y - 8), 12, Palette.Kernel.WithAlpha(fade));
        for (var i = 0; i + 1 < points.Length; i++)
        {
            backend.DrawLine(points[i], points[i + 1], Palette.Highlight.WithAlpha((byte)(fade / 2)), 2);
        }

        for (var i = 0; i < stops.Length - 1; i++)
        {
            var p = points[i + 1];
            backend.DrawRect(new RectF(p.X - 5, p.Y - 5, 10, 10), Palette.Highlight.WithAlpha(fade), 2);
            if (i < levels.Count && Camera.Zoom >= 14)
            {
                // A dark tag so the level name reads over the lot's own labels.
                backend.FillRect(new RectF(p.X + 5, p.Y - 17, (levels[i].Name.Length * 8) + 4, 15), Palette.HudBackground.WithAlpha(fade));
                backend.DrawText(levels[i].Name, new Vector2(p.X + 7, p.Y - 16), 12, Palette.Highlight.WithAlpha(fade));
            }
        }

        // The courier: one segment per 5 rendered frames.
        var travelled = Math.Min(points.Length - 1.001f, _route.Age / 5f);
        var segment = (int)travelled;
        var at = Vector2.Lerp(points[segment], points[segment + 1], travelled - segment);
        backend.FillRect(new RectF(at.X - 4, at.Y - 4, 8, 8), Palette.Highlight);
    }

    private void DrawHarbour(IRenderBackend backend)
    {
        var harbour = Layout.Harbour;
        backend.FillRect(harbour, Palette.Swap);
        Span<char> text = stackalloc char[64];
        var kernel = _simulation.Kernel;
        var ok = text.TryWrite(TextSpan.Culture, $"Harbour (swap 交换区): {kernel.Swap.Used:N0} pages out · {kernel.Swap.PagesIn:N0} brought back", out var written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(harbour.X + 10, harbour.Y + 3), 13, Palette.LabelOn(Palette.Swap));
    }

    private void DrawSidePanel(IRenderBackend backend)
    {
        var side = Layout.Side;
        backend.FillRect(side, Palette.HudBackground);
        var x = side.X + 14;
        var width = side.Width - 20;
        var y = side.Y + 10;
        var hallHeight = CityHallPanel.HeightFor(_simulation.Kernel.Pids.Count);
        CityHallPanel.Draw(backend, new RectF(x, y, width, hallHeight), _simulation.Kernel, _simulation.Animations, SelectedPid);
        y += hallHeight + 6;
        TlbBoard.Draw(backend, new RectF(x, y, width, TlbBoard.Height), _simulation.Kernel.Machine, _tlbEntries);
        y += TlbBoard.Height + 6;
        LegendPanel.Draw(backend, new RectF(x, y, width, LegendPanel.Height));
        y += LegendPanel.Height + 6;
        if (y + 40 < side.Bottom)
        {
            EventLogPanel.Draw(backend, new RectF(x, y, width, Math.Min(EventLogPanel.Height, side.Bottom - y)), _simulation.Log, _simulation.Kernel.Machine.Description);
        }
    }
}
