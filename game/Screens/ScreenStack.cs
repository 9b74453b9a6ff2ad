using VmQuest.Platform;
using VmQuest.Progress;
using VmQuest.Screens.Play;

namespace VmQuest.Screens;

/// <summary>
/// The game's screens as a stack (DESIGN.md §7): the top screen reads input and says where to go; overlays (pause,
/// help) draw over the screens below them; the speedrun clocks hear when a menu comes on top or leaves.
/// </summary>
/// <remarks>
/// Invariants: only the top screen is updated, once per frame; <see cref="Draw"/> draws the top screen and, below it,
/// every screen an overlay shows through, bottom first; a screen that leaves the stack is disposed when it is
/// <see cref="IDisposable"/>; opening an <see cref="IAnchorScreen"/> already in the stack goes back to it; <see cref="IGameProgress.MenuEntered"/> and
/// <see cref="IGameProgress.MenuLeft"/> alternate, one call each time <see cref="IScreen.IsMenu"/> of the top screen
/// changes (the first screen counts as a change from "not a menu"). Popping the last screen ends the game.
/// </remarks>
public sealed class ScreenStack
{
    private readonly List<IScreen> _screens = [];
    private readonly IGameProgress _progress;
    private bool _inMenu;

    /// <summary>Starts with <paramref name="first"/> on top.</summary>
    public ScreenStack(IScreen first, IGameProgress progress)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(progress);
        _progress = progress;
        _screens.Add(first);
        NoteTopChanged();
    }

    /// <summary>The top screen, or null once the game is over.</summary>
    public IScreen? Top => _screens.Count == 0 ? null : _screens[^1];

    /// <summary>The screens' names, bottom first (for tests and the log).</summary>
    public IReadOnlyList<string> Names => [.. _screens.Select(s => s.Name)];

    /// <summary>False once a screen asked to quit or the last screen was closed.</summary>
    public bool IsRunning => _screens.Count > 0;

    /// <summary>Puts <paramref name="screen"/> on top (outside any screen's update: start-up, screenshots).</summary>
    public void Push(IScreen screen)
    {
        ArgumentNullException.ThrowIfNull(screen);
        _screens.Add(screen);
        NoteTopChanged();
    }

    /// <summary>Updates the top screen with this frame's input and applies its transition; false when the game is over.</summary>
    public bool Update(InputState input, UiContext ui)
    {
        if (Top is not { } top)
        {
            return false;
        }

        Apply(top.Update(input, ui));
        return IsRunning;
    }

    /// <summary>Applies <paramref name="transition"/> (null: stay).</summary>
    public void Apply(ScreenTransition? transition)
    {
        switch (transition)
        {
            case null:
                return;
            case ScreenTransition.Push { Screen: IAnchorScreen anchor } when UnwindTo(anchor, _screens.Count):
            case ScreenTransition.Replace { Screen: IAnchorScreen replacing } when UnwindTo(replacing, _screens.Count - 1):
                break;
            case ScreenTransition.Push push:
                _screens.Add(push.Screen);
                break;
            case ScreenTransition.Replace replace:
                Close(_screens[^1]);
                _screens[^1] = replace.Screen;
                break;
            case ScreenTransition.Pop:
                Close(_screens[^1]);
                _screens.RemoveAt(_screens.Count - 1);
                break;
            case ScreenTransition.Quit:
                _screens.ForEach(Close);
                _screens.Clear();
                break;
        }

        NoteTopChanged();
    }

    /// <summary>Draws the top screen over whatever its overlays let show through.</summary>
    public void Draw(IRenderBackend backend, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (_screens.Count == 0)
        {
            return;
        }

        var first = _screens.Count - 1;
        while (first > 0 && _screens[first].IsOverlay)
        {
            first--;
        }

        for (var i = first; i < _screens.Count; i++)
        {
            _screens[i].Draw(backend, ui);
        }
    }

    // Goes back to the screen named like `anchor` among the first `below` screens, if there is one: the screens above
    // it close, and so does `anchor`, which is not needed.
    private bool UnwindTo(IAnchorScreen anchor, int below)
    {
        if (below <= 0)
        {
            return false;
        }

        var index = _screens.FindLastIndex(below - 1, below, s => s.Name == anchor.Name);
        if (index < 0)
        {
            return false;
        }

        for (var i = _screens.Count - 1; i > index; i--)
        {
            Close(_screens[i]);
            _screens.RemoveAt(i);
        }

        Close(anchor);
        return true;
    }

    // A screen that holds textures or a simulation (the sandbox city) frees them when it leaves the stack.
    private static void Close(IScreen screen) => (screen as IDisposable)?.Dispose();

    private void NoteTopChanged()
    {
        var inMenu = Top?.IsMenu ?? true;
        if (inMenu == _inMenu)
        {
            return;
        }

        _inMenu = inMenu;
        if (inMenu)
        {
            _progress.MenuEntered();
        }
        else
        {
            _progress.MenuLeft();
        }
    }
}
