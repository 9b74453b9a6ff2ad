using VmQuest.City.Hud;
using VmQuest.City.Simulation;
using VmQuest.Platform;

namespace VmQuest.City;

/// <summary>
/// The sandbox's own keys (a <see cref="SandboxSession"/> only): fork and kill the selected process, and the console
/// (C opens it; Enter runs the line in the selected process; ↑ ↓ history; Esc closes), which takes every key while open.
/// </summary>
public sealed partial class CityView
{
    private readonly ConsoleLine _console = new();
    private readonly SettingsPanel _settingsPanel = new();

    /// <summary>The settings panel (O).</summary>
    public SettingsPanel SandboxSettingsPanel => _settingsPanel;

    /// <summary>The player applied new settings in the panel: the host should restart the sandbox with them (the view is done).</summary>
    public SandboxSettings? RestartWith { get; private set; }

    // True when the settings panel took this frame's input: it was just opened, or it is open.
    private bool UpdateSettingsPanel(InputState input)
    {
        if (Session is not { } session)
        {
            return false;
        }

        if (!_settingsPanel.IsOpen)
        {
            if (input.IsKeyPressed(Key.O) && !ShowsHelp && !_console.IsOpen)
            {
                _settingsPanel.Open(session.Settings);
                return true;
            }

            return false;
        }

        var apply = input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter)
            || (input.IsMousePressed(MouseButton.Left) && _settingsPanel.Click(Layout.City, input.MousePosition));
        if (input.IsKeyPressed(Key.Escape) || input.IsKeyPressed(Key.O))
        {
            _settingsPanel.Close();
        }
        else if (apply && _settingsPanel.Problem is null)
        {
            RestartWith = _settingsPanel.Settings;
            _settingsPanel.Close();
        }
        else
        {
            _settingsPanel.MoveRow((input.IsKeyPressed(Key.Down) ? 1 : 0) - (input.IsKeyPressed(Key.Up) ? 1 : 0));
            var change = (input.IsKeyPressed(Key.Right) ? 1 : 0) - (input.IsKeyPressed(Key.Left) ? 1 : 0);
            if (change != 0)
            {
                _settingsPanel.Change(change);
            }
        }

        return true;
    }

    /// <summary>The sandbox console's line (open or not, what is typed, the history, the last result).</summary>
    public ConsoleLine SandboxConsole => _console;

    // True when the console took this frame's keys: it was just opened (the C typed with it is no part of the
    // line), or it is open. The city keeps running meanwhile.
    private bool UpdateConsole(InputState input)
    {
        if (Session is not { } session)
        {
            return false;
        }

        if (!_console.IsOpen)
        {
            if (input.IsKeyPressed(Key.C) && !ShowsHelp)
            {
                _console.Open();
                return true;
            }

            return false;
        }

        if (input.IsKeyPressed(Key.Escape))
        {
            _console.Close();
        }
        else if (input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter))
        {
            if (_console.Submit() is { } line)
            {
                _console.Result = session.Apply(SandboxVerb.Run, SelectedPid, line);
                AfterAction(_console.Result);
            }
        }
        else if (input.IsKeyPressed(Key.Backspace))
        {
            _console.Backspace();
        }
        else if (input.IsKeyPressed(Key.Up) || input.IsKeyPressed(Key.Down))
        {
            _console.Recall(older: input.IsKeyPressed(Key.Up));
        }
        else
        {
            _console.Type(input.Text);
        }

        return true;
    }

    /// <summary>The sandbox run the keys act on, or null when the city shows something else (a level, a replay).</summary>
    private SandboxSession? Session => _simulation.Driver as SandboxSession;

    // F forks, K kills the selected process; what happened is the HUD's note, the event log narrates the kernel's side.
    private void UpdateSandboxKeys(InputState input)
    {
        if (Session is not { } session)
        {
            return;
        }

        if (input.IsKeyPressed(Key.F5))
        {
            Save(session);
        }
        else if (input.IsKeyPressed(Key.F9))
        {
            LoadRequested = true;
        }
        else if (input.IsKeyPressed(Key.F))
        {
            AfterAction(session.Apply(SandboxVerb.Fork, SelectedPid));
        }
        else if (input.IsKeyPressed(Key.K))
        {
            AfterAction(session.Apply(SandboxVerb.Kill, SelectedPid));
        }
    }

    /// <summary>The file F5 saves to and F9 loads from: <c>vmquest-sandbox.save</c> in the current directory.</summary>
    public const string SaveFileName = "vmquest-sandbox.save";

    /// <summary>The player pressed F9: the host should load <see cref="SaveFileName"/> in place of this run (the view is done).</summary>
    public bool LoadRequested { get; private set; }

    // F5: the run's inputs and state hash, written atomically; the HUD says where, or why not.
    private void Save(SandboxSession session)
    {
        var path = Path.GetFullPath(SaveFileName);
        try
        {
            SandboxSaveFile.Write(path, session);
            ActionNote = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"F5 saved {SaveFileName} at tick {session.Ticks} (state {VmQuest.Rules.StateHash.Of(session.Kernel)}); F9 loads it");
        }
        catch (Exception e) when (e is VmQuest.Engine.Formats.Output.OutputFileException or IOException or UnauthorizedAccessException)
        {
            ActionNote = $"F5 could not save {SaveFileName}: {e.Message}";
        }
    }

    /// <summary>Shows <paramref name="note"/> in the HUD (the host's word on a load, say).</summary>
    public void Note(string note) => ActionNote = note;

    // The action changed processes between ticks: redraw the streets, the city hall and the selection now.
    private void AfterAction(string note)
    {
        ActionNote = note;
        _selectionDirty = true;
        RefreshCaches(force: true);
    }
}
