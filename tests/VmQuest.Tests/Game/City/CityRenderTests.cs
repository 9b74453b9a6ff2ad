using VmQuest.City.Animation;
using VmQuest.City.Physical;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.City;

/// <summary>Headless renders of the city with semantic pixel checks (the SDL software renderer, offscreen).</summary>
[Collection(SdlTestGroup.Name)]
public sealed class CityRenderTests
{
    [Fact]
    public void Draw_FaultingLot_IsTheFaultColour()
    {
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        using var city = new CityFixture(backend, 512);
        CityEffect? fault = null;
        for (var i = 0; i < 200 && fault is null; i++)
        {
            city.Loop.RunTicks(1);
            foreach (var effect in city.Simulation.Animations.Effects)
            {
                fault = effect.Kind == CityEffectKind.Fault ? effect : fault;
            }
        }

        Assert.NotNull(fault);
        city.View.Update(new InputState());
        var pixels = Render(backend, city);
        var centre = city.PointIn(fault.Value.Frame, 0.5f, 0.5f);
        PixelAssert.IsColour(pixels, backend.Width, (int)centre.X, (int)centre.Y, Palette.Fault);
    }

    [Fact]
    public void Draw_CowSharedLot_IsTwoToneAndPageTableLotIsBureauGrey()
    {
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        using var city = new CityFixture(backend, 512);
        city.Loop.RunTicks(5);
        city.SettleEffects();
        var kernel = city.Simulation.Kernel;
        var classifier = new LotClassifier(kernel);
        var shared = Enumerable.Range(0, kernel.Frames.Count).First(f => classifier.Inspect(f).Shared);
        var table = Enumerable.Range(0, kernel.Frames.Count).First(f => kernel.UseOf((ulong)f) == FrameUse.PageTable);

        var pixels = Render(backend, city);

        var light = city.PointIn(shared, 0.3f, 0.3f);
        var dark = city.PointIn(shared, 0.75f, 0.65f);
        PixelAssert.IsColour(pixels, backend.Width, (int)light.X, (int)light.Y, Palette.CowPrimary);
        PixelAssert.IsColour(pixels, backend.Width, (int)dark.X, (int)dark.Y, Palette.CowSecondary);
        var bureau = city.PointIn(table, 0.5f, 0.5f);
        PixelAssert.IsColour(pixels, backend.Width, (int)bureau.X, (int)bureau.Y, Palette.PageTableBureau);
        Assert.Equal(LotKind.PageTable, classifier.KindOf(table));
    }

    private static uint[] Render(SdlRenderBackend backend, CityFixture city)
    {
        backend.BeginFrame();
        city.View.Draw(backend);
        var pixels = backend.ReadPixels();
        backend.EndFrame();
        return pixels;
    }
}
