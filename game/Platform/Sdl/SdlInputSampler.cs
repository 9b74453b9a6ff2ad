using System.Numerics;
using System.Runtime.InteropServices;

namespace VmQuest.Platform.Sdl;

/// <summary>
/// Turns SDL events into an <see cref="InputState"/>. <see cref="Apply"/> is a pure function of the event, so
/// tests feed it hand-made <see cref="SdlEvent"/>s with no SDL at all; <see cref="Sample"/> drains SDL's queue
/// once per frame.
/// </summary>
internal static unsafe class SdlInputSampler
{
    /// <summary>Starts a new input frame on <paramref name="state"/> and applies every queued SDL event.</summary>
    /// <returns>How many events were processed.</returns>
    public static int Sample(InputState state)
    {
        state.BeginFrame();
        var count = 0;
        SdlEvent e;
        while (Sdl2.PollEvent(&e) != 0)
        {
            Apply(in e, state);
            count++;
        }

        return count;
    }

    /// <summary>Applies one event to <paramref name="state"/>; event types the game does not use are ignored.</summary>
    public static void Apply(in SdlEvent e, InputState state)
    {
        switch (e.Type)
        {
            case SdlConstants.EventQuit:
                state.RequestClose();
                break;
            case SdlConstants.EventWindow:
                ApplyWindow(in e, state);
                break;
            case SdlConstants.EventKeyDown:
                // Auto-repeat is not a new press; typed characters arrive separately as text input.
                if (e.KeyRepeat == 0)
                {
                    state.PressKey((Key)e.KeyScancode);
                }

                break;
            case SdlConstants.EventKeyUp:
                state.ReleaseKey((Key)e.KeyScancode);
                break;
            case SdlConstants.EventTextInput:
                fixed (byte* text = e.Text)
                {
                    state.AddText(Marshal.PtrToStringUTF8((IntPtr)text) ?? "");
                }

                break;
            case SdlConstants.EventMouseMotion:
                state.MoveMouse(new Vector2(e.MotionX, e.MotionY));
                break;
            case SdlConstants.EventMouseButtonDown:
                state.MoveMouse(new Vector2(e.ButtonX, e.ButtonY));
                state.PressMouse((MouseButton)e.MouseButton);
                break;
            case SdlConstants.EventMouseButtonUp:
                state.MoveMouse(new Vector2(e.ButtonX, e.ButtonY));
                state.ReleaseMouse((MouseButton)e.MouseButton);
                break;
            case SdlConstants.EventMouseWheel:
                state.ScrollWheel(WheelNotches(in e));
                break;
            default:
                break;
        }
    }

    private static void ApplyWindow(in SdlEvent e, InputState state)
    {
        switch (e.WindowEventId)
        {
            case SdlConstants.WindowEventClose:
                state.RequestClose();
                break;
            case SdlConstants.WindowEventSizeChanged:
                state.Resize(e.WindowData1, e.WindowData2);
                break;
            default:
                break;
        }
    }

    private static Vector2 WheelNotches(in SdlEvent e)
    {
        // Prefer the precise (fractional) values of SDL 2.0.18+; fall back to whole notches if they are absent.
        var x = e.WheelPreciseX != 0 || e.WheelX == 0 ? e.WheelPreciseX : e.WheelX;
        var y = e.WheelPreciseY != 0 || e.WheelY == 0 ? e.WheelPreciseY : e.WheelY;
        var notches = new Vector2(x, y);
        return e.WheelDirection == SdlConstants.MouseWheelFlipped ? -notches : notches;
    }
}
