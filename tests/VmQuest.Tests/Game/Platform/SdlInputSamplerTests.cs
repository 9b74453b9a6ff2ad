using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;

namespace VmQuest.Tests.Game.Platform;

/// <summary>Feeds hand-made SDL events to the sampler: no SDL library, no window.</summary>
public sealed unsafe class SdlInputSamplerTests
{
    [Fact]
    public void SdlEvent_Is56Bytes_WithTheHeaderOffsetsOfSdl2()
    {
        Assert.Equal(56, sizeof(SdlEvent));
        var e = default(SdlEvent);
        var start = (byte*)&e;
        Assert.Equal(0, (byte*)&e.Type - start);
        Assert.Equal(16, (byte*)&e.KeyScancode - start);
        Assert.Equal(20, (byte*)&e.MotionX - start);
        Assert.Equal(16, (byte*)&e.MouseButton - start);
        Assert.Equal(28, (byte*)&e.WheelPreciseX - start);
        Assert.Equal(12, e.Text - start);
        Assert.Equal(20, sizeof(SdlVertex));
    }

    [Fact]
    public void Apply_KeyDownThenUp_RecordsEdges_IgnoresRepeat()
    {
        var input = new InputState();
        input.BeginFrame();
        SdlInputSampler.Apply(KeyEvent(SdlConstants.EventKeyDown, VmQuest.Platform.Key.Space), input);
        SdlInputSampler.Apply(KeyEvent(SdlConstants.EventKeyDown, VmQuest.Platform.Key.Space, repeat: true), input);
        Assert.True(input.IsKeyPressed(VmQuest.Platform.Key.Space));

        input.BeginFrame();
        SdlInputSampler.Apply(KeyEvent(SdlConstants.EventKeyDown, VmQuest.Platform.Key.Space, repeat: true), input);
        Assert.False(input.IsKeyPressed(VmQuest.Platform.Key.Space));
        SdlInputSampler.Apply(KeyEvent(SdlConstants.EventKeyUp, VmQuest.Platform.Key.Space), input);
        Assert.True(input.IsKeyReleased(VmQuest.Platform.Key.Space));
        Assert.False(input.IsKeyDown(VmQuest.Platform.Key.Space));
    }

    [Fact]
    public void Apply_MouseMotionAndButtons_TrackPositionAndButtons()
    {
        var input = new InputState();
        input.BeginFrame();
        SdlInputSampler.Apply(new SdlEvent { Type = SdlConstants.EventMouseMotion, MotionX = 120, MotionY = 45 }, input);
        var down = new SdlEvent { Type = SdlConstants.EventMouseButtonDown, MouseButton = 3 };
        down.ButtonX = 130;
        down.ButtonY = 50;
        SdlInputSampler.Apply(down, input);
        Assert.Equal(new Vector2(130, 50), input.MousePosition);
        Assert.True(input.IsMousePressed(MouseButton.Right));
        Assert.False(input.IsMouseDown(MouseButton.Left));
    }

    [Fact]
    public void Apply_Wheel_UsesPreciseValues_AndHonoursFlippedDirection()
    {
        var input = new InputState();
        input.BeginFrame();
        SdlInputSampler.Apply(new SdlEvent { Type = SdlConstants.EventMouseWheel, WheelY = 1, WheelPreciseY = 1.5f }, input);
        SdlInputSampler.Apply(
            new SdlEvent { Type = SdlConstants.EventMouseWheel, WheelY = 1, WheelDirection = SdlConstants.MouseWheelFlipped },
            input);
        Assert.Equal(new Vector2(0, 0.5f), input.Wheel);
    }

    [Fact]
    public void Apply_TextInput_DecodesUtf8()
    {
        var input = new InputState();
        input.BeginFrame();
        SdlInputSampler.Apply(TextEvent("缺页 a"), input);
        Assert.Equal("缺页 a", input.Text);
    }

    [Fact]
    public void Apply_QuitAndWindowClose_RequestClose_ResizeIsReported()
    {
        var input = new InputState();
        input.BeginFrame();
        SdlInputSampler.Apply(
            new SdlEvent { Type = SdlConstants.EventWindow, WindowEventId = SdlConstants.WindowEventSizeChanged, WindowData1 = 800, WindowData2 = 600 },
            input);
        Assert.Equal((800, 600), input.ResizedTo);
        Assert.False(input.CloseRequested);
        SdlInputSampler.Apply(new SdlEvent { Type = SdlConstants.EventWindow, WindowEventId = SdlConstants.WindowEventClose }, input);
        Assert.True(input.CloseRequested);

        var other = new InputState();
        SdlInputSampler.Apply(new SdlEvent { Type = SdlConstants.EventQuit }, other);
        Assert.True(other.CloseRequested);
    }

    internal static SdlEvent KeyEvent(uint type, VmQuest.Platform.Key key, bool repeat = false) =>
        new() { Type = type, KeyScancode = (int)key, KeyRepeat = repeat ? (byte)1 : (byte)0 };

    internal static SdlEvent TextEvent(string text)
    {
        var e = new SdlEvent { Type = SdlConstants.EventTextInput };
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(bytes.Length < 32);
        for (var i = 0; i < bytes.Length; i++)
        {
            e.Text[i] = bytes[i];
        }

        return e;
    }

    [Fact]
    public void SdlVertex_IsBlittable() => Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<SdlVertex>());
}
