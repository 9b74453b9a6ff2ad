using System.Numerics;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Screens;
using VmQuest.Screens.Play;

namespace VmQuest.Tests.Game.Screens.Play;

/// <summary>
/// Drives one screen headlessly as the screen stack would: each frame the input's edges are cleared, the test's
/// keys and clicks are recorded, the screen updates, then draws on an offscreen SDL backend.
/// </summary>
internal sealed class ScreenDriver : IDisposable
{
    private readonly InputState _input = new();
    private readonly bool _ownsBackend;

    public ScreenDriver(IScreen screen, UiContext? ui = null, int width = 1280, int height = 720)
    {
        Screen = screen;
        Ui = ui ?? UiContext.Default;
        Backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(width, height));
        _ownsBackend = true;
        Draw();
    }

    /// <summary>A driver for another screen on <paramref name="sharing"/>'s backend (SDL allows one at a time).</summary>
    public ScreenDriver(IScreen screen, ScreenDriver sharing, UiContext? ui = null)
    {
        Screen = screen;
        Ui = ui ?? sharing.Ui;
        Backend = sharing.Backend;
        Draw();
    }

    public IScreen Screen { get; }

    public UiContext Ui { get; set; }

    public SdlRenderBackend Backend { get; }

    /// <summary>The transitions the screen returned, in order.</summary>
    public List<ScreenTransition> Transitions { get; } = [];

    public ScreenTransition? Frame(Action<InputState>? during = null)
    {
        _input.BeginFrame();
        during?.Invoke(_input);
        var transition = Screen.Update(_input, Ui);
        if (transition is not null)
        {
            Transitions.Add(transition);
        }

        Draw();
        return transition;
    }

    public ScreenTransition? Press(Key key, params Key[] held)
    {
        var transition = Frame(input =>
        {
            foreach (var h in held)
            {
                input.PressKey(h);
            }

            input.PressKey(key);
        });
        Frame(input =>
        {
            input.ReleaseKey(key);
            foreach (var h in held)
            {
                input.ReleaseKey(h);
            }
        });
        return transition;
    }

    public ScreenTransition? Click(Vector2 at)
    {
        Frame(input => input.MoveMouse(at));
        var pressed = Frame(input => input.PressMouse(MouseButton.Left));
        var released = Frame(input => input.ReleaseMouse(MouseButton.Left));
        return pressed ?? released;
    }

    public void Draw()
    {
        Backend.BeginFrame();
        Screen.Draw(Backend, Ui);
        Backend.EndFrame();
    }

    public uint[] Pixels()
    {
        var pixels = new uint[Backend.Width * Backend.Height];
        Backend.BeginFrame();
        Screen.Draw(Backend, Ui);
        Backend.ReadPixels(pixels);
        Backend.EndFrame();
        return pixels;
    }

    public string Save(string name)
    {
        var folder = Environment.GetEnvironmentVariable("VMQUEST_SCREENSHOTS") ?? Path.Combine(Path.GetTempPath(), "vmquest-screens");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        Backend.BeginFrame();
        Screen.Draw(Backend, Ui);
        Backend.SavePng(path);
        Backend.EndFrame();
        return path;
    }

    public void Dispose()
    {
        (Screen as IDisposable)?.Dispose();
        if (_ownsBackend)
        {
            Backend.Dispose();
        }
    }
}
