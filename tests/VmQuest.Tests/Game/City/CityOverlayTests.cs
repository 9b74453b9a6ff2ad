using System.Numerics;
using VmQuest.City;
using VmQuest.City.Hud;
using VmQuest.City.Simulation;
using VmQuest.City.Virtual;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.City;

/// <summary>Issue 8's readability items: help overlay, selection, tooltips, event log, names, HUD layout.</summary>
[Collection(SdlTestGroup.Name)]
public sealed class CityOverlayTests
{
    private static InputState Press(Key key)
    {
        var input = new InputState();
        input.BeginFrame();
        input.PressKey(key);
        return input;
    }

    private static InputState ClickAt(Vector2 point)
    {
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(point);
        input.PressMouse(MouseButton.Left);
        input.ReleaseMouse(MouseButton.Left);
        return input;
    }

    [Theory]
    [InlineData(Key.H)]
    [InlineData(Key.F1)]
    public void Update_HelpKey_Issue8_TogglesTheOverlayWhichListsEveryKey(Key key)
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 64);
        Assert.True(city.View.Update(Press(key)));
        Assert.True(city.View.ShowsHelp);
        city.View.Draw(backend);
        foreach (var (keys, action) in HelpOverlay.Keys)
        {
            Assert.Contains($"DrawText {keys}", backend.Calls);
            Assert.Contains($"DrawText {action}", backend.Calls);
        }

        // Esc closes the help first; only a second Esc leaves.
        Assert.True(city.View.Update(Press(Key.Escape)));
        Assert.False(city.View.ShowsHelp);
        Assert.False(city.View.Update(Press(Key.Escape)));
    }

    [Fact]
    public void Update_QuestionMarkTyped_ShowsHelp()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 64);
        var input = new InputState();
        input.BeginFrame();
        input.AddText("?");
        city.View.Update(input);
        Assert.True(city.View.ShowsHelp);
    }

    [Fact]
    public void Update_R_RequestsARestart()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 64);
        Assert.False(city.View.Update(Press(Key.R)));
        Assert.True(city.View.RestartRequested);
    }

    [Fact]
    public void Draw_HelpOverlay_Issue8_IsABoxInTheKernelColourOverADimmedCity()
    {
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        using var city = new CityFixture(backend, 512);
        city.View.Update(Press(Key.H));
        backend.BeginFrame();
        city.View.Draw(backend);
        var pixels = backend.ReadPixels();
        backend.EndFrame();

        // The box is 820 × 600, centred: its border is kernel yellow, its inside the HUD panel colour.
        var left = (1280 - 820) / 2;
        var top = (720 - HelpOverlay.BoxHeight) / 2;
        PixelAssert.IsColour(pixels, 1280, left, top + 260, Palette.Kernel);
        PixelAssert.IsColour(pixels, 1280, left + 800, top + 500, Palette.HudBackground);
        // Outside the box the HUD (normally HudBackground) is dimmed toward the ground, not hidden.
        var corner = PixelAssert.At(pixels, 1280, 4, 4);
        Assert.True(PixelAssert.Near(corner, Palette.HudBackground, 24) || PixelAssert.Near(corner, Palette.Background, 24), corner.ToString());
        Assert.True(PixelAssert.CountNot(pixels, 1280, new RectI(left + 10, top + 50, 400, 250), Palette.HudBackground) > 500, "the key list is drawn");
    }

    [Fact]
    public void Update_ClickStreet_Issue8_SelectsItsProcessAndShowsTheVma()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 512);
        city.Loop.RunTicks(10);
        city.View.RefreshEverything();
        var street = VirtualDistrictPanel.StreetBounds(city.View.Layout.Virtual, 1);
        city.View.Update(ClickAt(new Vector2(street.X + (street.Width * 0.6f), street.Y + 4)));
        Assert.NotEqual(0, city.View.SelectedPid);
        Assert.Equal(-1, city.View.SelectedFrame);
        Assert.Contains(city.View.SelectionText, l => l.StartsWith($"pid {city.View.SelectedPid} ", StringComparison.Ordinal));
        Assert.DoesNotContain(city.View.SelectionText, l => l.Contains("AnonymousMapping", StringComparison.Ordinal));

        backend.Calls.Clear();
        city.View.Draw(backend);
        Assert.Contains(backend.Calls, c => c.StartsWith("DrawText Selected process", StringComparison.Ordinal));
    }

    [Fact]
    public void Update_ClickLot_Issue8_SelectsItsOwnerAndOutlinesTheOwnersLots()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 512);
        city.Loop.RunTicks(10);
        var kernel = city.Simulation.Kernel;
        var frame = Enumerable.Range(0, kernel.Frames.Count).First(f => kernel.UseOf((ulong)f) == FrameUse.Anonymous);
        city.View.Update(ClickAt(city.PointIn(frame, 0.5f, 0.5f)));
        var owner = kernel.Frames.OwnerOf((ulong)frame);
        Assert.Equal(owner, city.View.SelectedPid);
        backend.Calls.Clear();
        city.View.Draw(backend);
        var owned = Enumerable.Range(0, kernel.Frames.Count).Count(f => kernel.Frames.OwnerOf((ulong)f) == owner && kernel.UseOf((ulong)f) != FrameUse.Free);
        var outlines = backend.Calls.Count(c => c.StartsWith("DrawRect", StringComparison.Ordinal) && c.EndsWith(Palette.Highlight.ToString(), StringComparison.Ordinal));
        Assert.True(outlines >= owned, $"{outlines} outlines for {owned} lots");
    }

    [Fact]
    public void Update_ClickCityHallRow_SelectsThatProcess()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 512);
        var side = city.View.Layout.Side;
        var firstRow = new Vector2(side.X + 100, side.Y + 10 + 46 + 9);
        city.View.Update(ClickAt(firstRow));
        Assert.Equal(city.Simulation.Kernel.Pids[0], city.View.SelectedPid);
    }

    [Fact]
    public void Tooltip_PageTableLot_Issue8_SaysLevelAndOwner()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 512);
        var kernel = city.Simulation.Kernel;
        var table = Enumerable.Range(0, kernel.Frames.Count).First(f => kernel.UseOf((ulong)f) == FrameUse.PageTable);
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(city.PointIn(table, 0.5f, 0.5f));
        city.View.Update(input);
        var head = city.View.Tooltip[0];
        Assert.Matches(@"page table, level (PGD|PUD|PMD|PTE), pid \d+", head);
    }

    [Fact]
    public void Tooltip_TlbBoard_Issue8_ExplainsIt()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 512);
        var side = city.View.Layout.Side;
        var y = side.Y + 10 + CityHallPanel.HeightFor(city.Simulation.Kernel.Pids.Count) + 6 + 30;
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(new Vector2(side.X + 100, y));
        city.View.Update(input);
        Assert.NotEmpty(city.View.Tooltip);
        Assert.StartsWith("TLB:", city.View.Tooltip[0], StringComparison.Ordinal);
        Assert.Contains(city.View.Tooltip, l => l.Contains("PCID", StringComparison.Ordinal));
    }

    [Fact]
    public void Draw_RiscV_Issue8_SaysSatpAndAsidNeverCr3OrPcid()
    {
        var backend = new RecordingRenderBackend();
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Machine = "riscv-sv39", Frames = 256, Processes = 3 }));
        var loop = new FixedStepLoop(simulation.Tick, new StopwatchClock(), TimeSpan.FromSeconds(1.0 / 30), TimeSpan.FromMilliseconds(8));
        using var view = new CityView(backend, simulation, loop, () => TimeSpan.Zero, "riscv");
        loop.RunTicks(40);
        view.RefreshEverything();
        view.Update(new InputState());
        view.Draw(backend);
        var text = string.Join('\n', backend.Calls.Where(c => c.StartsWith("Draw", StringComparison.Ordinal) && c.Contains("Text", StringComparison.Ordinal)));
        Assert.Contains("satp", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CR3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pcid", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Draw_HugeCounters_Issue8_HudItemsFollowEachOtherByMeasuredWidth()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 4096);
        city.Loop.RunTicks(300);
        var hud = new HudBar("title");
        var bar = new RectF(0, 0, 4000, 52);
        hud.Draw(backend, bar, city.Simulation.Kernel, SimulationSpeed.Normal, TimeSpan.FromMinutes(99), "objective", faultPulse: false);

        // The recording backend measures size / 2 per character (7 px at 14 px): each counter starts where the
        // previous one's measured text ends plus the gap, so growing numbers push the next item along.
        var counters = backend.Calls.Where(c => c.StartsWith("DrawDynamicText ", StringComparison.Ordinal))
            .Select(c => c["DrawDynamicText ".Length..]).Where(t => t != "objective").ToList();
        Assert.Equal(7, counters.Count);
        var expectedRight = 12 + counters.Sum(t => t.Length * 7f) + ((counters.Count - 1) * 22);
        Assert.Equal(expectedRight, hud.CountersRight, 1);
    }

    [Fact]
    public void OwnerHues_Issue8_AreDisjointFromEveryUseColourAndFromEachOther()
    {
        static double Distance(Colour a, Colour b) =>
            Math.Sqrt(Math.Pow(a.R - b.R, 2) + Math.Pow(a.G - b.G, 2) + Math.Pow(a.B - b.B, 2));
        var uses = Palette.Roles.Select(r => r.Colour).Append(Palette.Highlight).Append(Palette.Background).ToList();
        foreach (var hue in Palette.OwnerHues)
        {
            Assert.All(uses, use => Assert.True(Distance(hue, use) >= 50, $"owner {hue} is too close to use colour {use}"));
        }

        for (var i = 0; i < Palette.OwnerHues.Count; i++)
        {
            for (var j = i + 1; j < Palette.OwnerHues.Count; j++)
            {
                Assert.True(Distance(Palette.OwnerHues[i], Palette.OwnerHues[j]) >= 50);
            }
        }
    }
}
