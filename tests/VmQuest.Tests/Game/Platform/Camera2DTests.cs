using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

public sealed class Camera2DTests
{
    [Fact]
    public void WorldToScreen_Zoom_ScalesAroundTargetAndAddsOffset()
    {
        var camera = new Camera2D(Offset: new Vector2(100, 50), Target: new Vector2(10, 10), Zoom: 4);
        Assert.Equal(new Vector2(100, 50), camera.WorldToScreen(new Vector2(10, 10)));
        Assert.Equal(new Vector2(140, 90), camera.WorldToScreen(new Vector2(20, 20)));
        Assert.Equal(new RectF(100, 50, 40, 20), camera.WorldToScreen(new RectF(10, 10, 10, 5)));
    }

    [Fact]
    public void Identity_LeavesPointsUnchanged() =>
        Assert.Equal(new Vector2(3, 4), Camera2D.Identity.WorldToScreen(new Vector2(3, 4)));

    [Fact]
    public void ScreenToWorld_InvertsWorldToScreen_ForAnyPositiveZoom()
    {
        var property = Prop.ForAll(
            Gen.Choose(-100_000, 100_000).Two().ToArbitrary(),
            Gen.Choose(1, 10_000).ToArbitrary(),
            (point, zoomPermille) =>
            {
                var camera = new Camera2D(new Vector2(640, 360), new Vector2(123.5f, -42), zoomPermille / 1000f);
                var world = new Vector2(point.Item1 / 10f, point.Item2 / 10f);
                var back = camera.ScreenToWorld(camera.WorldToScreen(world));
                var tolerance = 1e-3f * (1 + Math.Abs(world.X) + Math.Abs(world.Y));
                return Vector2.Distance(world, back) <= tolerance;
            });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ZoomAt_KeepsTheWorldPointUnderTheMouse()
    {
        var camera = new Camera2D(new Vector2(640, 360), new Vector2(500, 500), 1);
        var mouse = new Vector2(900, 200);
        var before = camera.ScreenToWorld(mouse);
        var zoomed = camera.ZoomAt(mouse, 2.5f);
        Assert.Equal(2.5f, zoomed.Zoom);
        Assert.True(Vector2.Distance(before, zoomed.ScreenToWorld(mouse)) < 1e-3f);
    }

    [Fact]
    public void PanByScreen_WorldFollowsTheMouse()
    {
        var camera = new Camera2D(Vector2.Zero, Vector2.Zero, 2);
        var world = new Vector2(50, 50);
        var screenBefore = camera.WorldToScreen(world);
        var panned = camera.PanByScreen(new Vector2(30, -10));
        Assert.Equal(screenBefore + new Vector2(30, -10), panned.WorldToScreen(world));
    }
}
