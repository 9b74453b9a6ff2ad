using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens;
using VmQuest.Screens.Shell;
using VmQuest.Settings;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Screens.Shell;

/// <summary>
/// The shell's screens on a backend (recording, or SDL headless) over a temporary data directory and the shipped
/// levels, with helpers that feed one frame of input at a time as a player would.
/// </summary>
internal sealed class ShellFixture : IDisposable
{
    private readonly InputState _input = new();

    public ShellFixture(IRenderBackend? backend = null, string? levelDirectory = null, string? language = null, bool unlockAll = false)
    {
        DataDirectory = Directory.CreateTempSubdirectory("vmquest-shell-").FullName;
        Backend = backend ?? new RecordingRenderBackend();
        Settings = SettingsStore.Open(SettingsStore.PathIn(DataDirectory));
        Shell = new ShellContext(Backend, Settings, Progress, levelDirectory ?? ShippedLevels.Directory, language)
        {
            OpenLevel = level => new StubPlayScreen(level),
            UnlockAllOverride = unlockAll,
        };
        Stack = new ScreenStack(new TitleScreen(Shell), Progress);
    }

    public string DataDirectory { get; }

    public IRenderBackend Backend { get; }

    public SettingsStore Settings { get; }

    public RecordingProgress Progress { get; } = new();

    public ShellContext Shell { get; }

    public ScreenStack Stack { get; }

    public string TopName => Stack.Top?.Name ?? "(none)";

    /// <summary>One frame with nothing pressed (screens lay themselves out).</summary>
    public void Idle() => Frame(_ => { });

    /// <summary>Draws the stack once (screens that ask the records do it while drawing).</summary>
    public void Draw() => Stack.Draw(Backend, Shell.Ui);

    public void Press(Key key) => Frame(i =>
    {
        i.PressKey(key);
        i.ReleaseKey(key);
    });

    public void MoveTo(Vector2 at) => Frame(i => i.MoveMouse(at));

    /// <summary>A click as a player makes it: move there, press, release on a later frame.</summary>
    public void Click(Vector2 at)
    {
        MoveTo(at);
        Frame(i => i.PressMouse(MouseButton.Left));
        Frame(i => i.ReleaseMouse(MouseButton.Left));
    }

    public void Frame(Action<InputState> input)
    {
        _input.BeginFrame();
        input(_input);
        Stack.Update(_input, Shell.Ui);
    }

    public void Dispose()
    {
        Palette.Scheme = PaletteScheme.OkabeIto;
        Directory.Delete(DataDirectory, recursive: true);
    }
}
