using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

public sealed class InputStateTests
{
    [Fact]
    public void PressKey_SetsDownAndPressed_UntilNextFrameClearsTheEdge()
    {
        var input = new InputState();
        input.BeginFrame();
        input.PressKey(Key.Space);
        Assert.True(input.IsKeyDown(Key.Space));
        Assert.True(input.IsKeyPressed(Key.Space));

        input.BeginFrame();
        Assert.True(input.IsKeyDown(Key.Space));
        Assert.False(input.IsKeyPressed(Key.Space));
    }

    [Fact]
    public void PressAndReleaseInOneFrame_ReportsBothEdges_AndIsNotDown()
    {
        var input = new InputState();
        input.BeginFrame();
        input.PressMouse(MouseButton.Left);
        input.ReleaseMouse(MouseButton.Left);
        Assert.True(input.IsMousePressed(MouseButton.Left));
        Assert.True(input.IsMouseReleased(MouseButton.Left));
        Assert.False(input.IsMouseDown(MouseButton.Left));
    }

    [Fact]
    public void RepeatedPress_WhileDown_IsNotANewPress()
    {
        var input = new InputState();
        input.PressKey(Key.A);
        input.BeginFrame();
        input.PressKey(Key.A);
        Assert.False(input.IsKeyPressed(Key.A));
    }

    [Fact]
    public void MouseDelta_Wheel_Text_AccumulateWithinAFrame_AndReset()
    {
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(new Vector2(10, 10));
        input.MoveMouse(new Vector2(15, 12));
        input.ScrollWheel(new Vector2(0, 1));
        input.ScrollWheel(new Vector2(0, 1));
        input.AddText("页");
        input.AddText("表");
        Assert.Equal(new Vector2(15, 12), input.MousePosition);
        Assert.Equal(new Vector2(15, 12), input.MouseDelta);
        Assert.Equal(new Vector2(0, 2), input.Wheel);
        Assert.Equal("页表", input.Text);

        input.BeginFrame();
        Assert.Equal(new Vector2(15, 12), input.MousePosition);
        Assert.Equal(Vector2.Zero, input.MouseDelta);
        Assert.Equal(Vector2.Zero, input.Wheel);
        Assert.Equal("", input.Text);
    }

    [Fact]
    public void CloseRequested_IsSticky()
    {
        var input = new InputState();
        input.RequestClose();
        input.BeginFrame();
        Assert.True(input.CloseRequested);
    }

    [Fact]
    public void OutOfRangeKey_IsIgnoredSafely()
    {
        var input = new InputState();
        input.PressKey((Key)10_000);
        Assert.False(input.IsKeyDown(Key.A));
    }
}
