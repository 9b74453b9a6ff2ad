using System.Numerics;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Platform;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.City;

/// <summary>Input injected into <see cref="InputState"/> without a window: pan, zoom, select, speed, tooltips, LOD.</summary>
public sealed class CityInputTests
{
    [Fact]
    public void Update_ArrowKeyAndDrag_PanTheCamera()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 512);
        var before = city.View.Camera.Target;
        var input = new InputState();
        input.BeginFrame();
        input.PressKey(Key.Right);
        city.View.Update(input);
        Assert.True(city.View.Camera.Target.X > before.X);

        var start = city.View.Layout.City.Centre;
        input.BeginFrame();
        input.ReleaseKey(Key.Right);
        input.MoveMouse(start);
        input.PressMouse(MouseButton.Left);
        city.View.Update(input);
        var afterPress = city.View.Camera.Target;
        input.BeginFrame();
        input.MoveMouse(start + new Vector2(60, 0));
        city.View.Update(input);
        Assert.Equal(afterPress.X - (60 / city.View.Camera.Zoom), city.View.Camera.Target.X, 3);
    }

    [Fact]
    public void Update_WheelOverCity_ZoomsAtTheMouse()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 512);
        var mouse = city.View.Layout.City.Centre + new Vector2(100, 40);
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(mouse);
        var worldBefore = city.View.Camera.ScreenToWorld(mouse);
        var zoomBefore = city.View.Camera.Zoom;
        input.ScrollWheel(new Vector2(0, 1));
        city.View.Update(input);
        Assert.Equal(zoomBefore * 1.25f, city.View.Camera.Zoom, 3);
        var worldAfter = city.View.Camera.ScreenToWorld(mouse);
        Assert.Equal(worldBefore.X, worldAfter.X, 2);
        Assert.Equal(worldBefore.Y, worldAfter.Y, 2);
    }

    [Fact]
    public void Update_ClickOnLot_SelectsItsFrame()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 512);
        var target = city.PointIn(37, 0.5f, 0.5f);
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(target);
        input.PressMouse(MouseButton.Left);
        input.ReleaseMouse(MouseButton.Left);
        city.View.Update(input);
        Assert.Equal(37, city.View.SelectedFrame);
    }

    [Fact]
    public void Update_SpaceAndDigits_ChangeTheSpeed()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 64);
        var input = new InputState();
        input.BeginFrame();
        input.PressKey(Key.Space);
        city.View.Update(input);
        Assert.Equal(SimulationSpeed.Paused, city.Loop.Speed);
        input.BeginFrame();
        input.ReleaseKey(Key.Space);
        input.PressKey(Key.D3);
        city.View.Update(input);
        Assert.Equal(SimulationSpeed.Max, city.Loop.Speed);
    }

    [Fact]
    public void Tooltip_OverAnonymousLot_ShowsTheDecodedPteBits()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 512);
        city.Loop.RunTicks(10);
        var kernel = city.Simulation.Kernel;
        var frame = Enumerable.Range(0, kernel.Frames.Count).First(f => kernel.UseOf((ulong)f) == FrameUse.Anonymous);
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(city.PointIn(frame, 0.5f, 0.5f));
        city.View.Update(input);

        Assert.True(city.View.Tooltip.Any(l => l.StartsWith("PTE 0x", StringComparison.Ordinal)), string.Join(" / ", city.View.Tooltip));
        var pteLine = Assert.Single(city.View.Tooltip, line => line.StartsWith("PTE 0x", StringComparison.Ordinal));
        Assert.Contains(": P ", pteLine, StringComparison.Ordinal);
        Assert.Contains("US", pteLine, StringComparison.Ordinal);
        city.View.Draw(backend);
        Assert.Contains(backend.Calls, call => call == $"DrawText {pteLine}");
    }

    [Fact]
    public void Tooltip_OverAVirtualStreet_NamesTheProcessAndThePte()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 512);
        city.Loop.RunTicks(10);
        city.View.Update(new InputState());
        var area = city.View.Layout.Virtual;
        var input = new InputState();
        string[] tooltip = [];
        for (var x = area.X + 120; x < area.Right && tooltip.Length == 0; x += 3)
        {
            input.BeginFrame();
            input.MoveMouse(new System.Numerics.Vector2(x, VmQuest.City.Virtual.VirtualDistrictPanel.StreetBounds(area, 0).Centre.Y));
            city.View.Update(input);
            tooltip = [.. city.View.Tooltip];
        }

        Assert.NotEmpty(tooltip);
        Assert.StartsWith($"pid {city.Simulation.Kernel.CurrentPid} ", tooltip[0], StringComparison.Ordinal);
        Assert.StartsWith("PTE", tooltip[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TlbBoard_TlbChangedWithoutATick_ShowsTheTlbOfNow()
    {
        // A level's city moves by the player's answers, not always by ticks: the board must follow the TLB itself.
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 512);
        city.Loop.RunTicks(10);
        city.View.Update(new InputState());
        var kernel = city.Simulation.Kernel;
        var pid = kernel.CurrentPid;
        kernel.Machine.Mmu.FlushTlb();
        kernel.Access(pid, kernel.MemoryOf(pid).Mm!.Vmas.StartAt(0), VmQuest.Engine.Machine.Walk.AccessKind.Read);

        for (var frame = 0; frame < 6; frame++)
        {
            city.View.Update(new InputState());   // within the few frames the board waits between refreshes
        }

        backend.Calls.Clear();
        city.View.Draw(backend);

        var valid = kernel.Machine.Mmu.Tlb.Snapshot().Count;
        Assert.Contains(backend.Calls, c => c.Contains($"TLB board (快表) · {valid}/", StringComparison.Ordinal));
    }

    [Fact]
    public void Draw_LargeCity_UsesTexturesNotPerLotRects()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 1 << 18, processes: 4, warmFill: 0.02);
        backend.Calls.Clear();
        city.View.Update(new InputState());
        city.View.Draw(backend);
        Assert.True(city.View.DrawsTexture);
        Assert.Contains(backend.Calls, call => call.StartsWith("DrawTexture", StringComparison.Ordinal));
        var rectCalls = backend.Calls.Where(call => call.StartsWith("FillRects", StringComparison.Ordinal)).ToList();
        Assert.True(rectCalls.Sum(call => int.Parse(call.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)) < 100);
    }

    [Fact]
    public void Draw_SmallCity_DrawsEveryLotAsARect()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 512);
        city.View.Draw(backend);
        Assert.False(city.View.DrawsTexture);
        Assert.DoesNotContain(backend.Calls, call => call.StartsWith("DrawTexture", StringComparison.Ordinal));
        var lots = backend.Calls.Where(call => call.StartsWith("FillRects", StringComparison.Ordinal))
            .Sum(call => int.Parse(call.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(lots >= 512);
    }
}
