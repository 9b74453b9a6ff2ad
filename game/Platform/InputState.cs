using System.Numerics;
using System.Text;

namespace VmQuest.Platform;

/// <summary>
/// Everything the player did since the previous frame, sampled once per frame (DESIGN.md §2): game code reads
/// this object instead of asking the window, so tests fill it by hand without any window.
/// </summary>
/// <remarks>
/// "Down" states persist across frames; "pressed"/"released", wheel, mouse delta and text are edges that
/// <see cref="BeginFrame"/> clears. A press and release inside one frame reports both edges (a fast click is
/// never lost) and ends up not down. <see cref="CloseRequested"/> is sticky once set.
/// </remarks>
public sealed class InputState
{
    private const int KeySlots = 512; // SDL_NUM_SCANCODES
    private const int ButtonSlots = 8;

    private readonly bool[] _keysDown = new bool[KeySlots];
    private readonly bool[] _keysPressed = new bool[KeySlots];
    private readonly bool[] _keysReleased = new bool[KeySlots];
    private readonly bool[] _buttonsDown = new bool[ButtonSlots];
    private readonly bool[] _buttonsPressed = new bool[ButtonSlots];
    private readonly bool[] _buttonsReleased = new bool[ButtonSlots];
    private readonly StringBuilder _text = new();

    /// <summary>The mouse position in window pixels (last known; unchanged when the mouse leaves).</summary>
    public Vector2 MousePosition { get; private set; }

    /// <summary>How far the mouse moved this frame, in window pixels.</summary>
    public Vector2 MouseDelta { get; private set; }

    /// <summary>Wheel movement this frame in notches; positive Y is away from the user (zoom in).</summary>
    public Vector2 Wheel { get; private set; }

    /// <summary>Text typed this frame (UTF-16, composed by the platform's input method).</summary>
    public string Text => _text.ToString();

    /// <summary>The user asked to close the window (close button, Alt+F4, SIGINT via SDL_QUIT).</summary>
    public bool CloseRequested { get; private set; }

    /// <summary>The new drawable size if the window was resized this frame; otherwise <c>null</c>.</summary>
    public (int Width, int Height)? ResizedTo { get; private set; }

    /// <summary>The frame number, incremented by <see cref="BeginFrame"/> (0 before the first frame).</summary>
    public long Frame { get; private set; }

    /// <summary>Starts a new frame: clears all edges, keeps what is held down and where the mouse is.</summary>
    public void BeginFrame()
    {
        Array.Clear(_keysPressed);
        Array.Clear(_keysReleased);
        Array.Clear(_buttonsPressed);
        Array.Clear(_buttonsReleased);
        _text.Clear();
        MouseDelta = Vector2.Zero;
        Wheel = Vector2.Zero;
        ResizedTo = null;
        Frame++;
    }

    /// <summary>True while <paramref name="key"/> is held.</summary>
    public bool IsKeyDown(Key key) => _keysDown[Slot(key)];

    /// <summary>True if <paramref name="key"/> went down this frame (auto-repeat does not count).</summary>
    public bool IsKeyPressed(Key key) => _keysPressed[Slot(key)];

    /// <summary>True if <paramref name="key"/> went up this frame.</summary>
    public bool IsKeyReleased(Key key) => _keysReleased[Slot(key)];

    /// <summary>True while <paramref name="button"/> is held.</summary>
    public bool IsMouseDown(MouseButton button) => _buttonsDown[Slot(button)];

    /// <summary>True if <paramref name="button"/> went down this frame.</summary>
    public bool IsMousePressed(MouseButton button) => _buttonsPressed[Slot(button)];

    /// <summary>True if <paramref name="button"/> went up this frame.</summary>
    public bool IsMouseReleased(MouseButton button) => _buttonsReleased[Slot(button)];

    /// <summary>Records a key going down. A key already down (auto-repeat) raises no new pressed edge.</summary>
    public void PressKey(Key key)
    {
        var slot = Slot(key);
        if (!_keysDown[slot])
        {
            _keysPressed[slot] = true;
        }

        _keysDown[slot] = true;
    }

    /// <summary>Records a key going up.</summary>
    public void ReleaseKey(Key key)
    {
        var slot = Slot(key);
        if (_keysDown[slot])
        {
            _keysReleased[slot] = true;
        }

        _keysDown[slot] = false;
    }

    /// <summary>Records the mouse moving to <paramref name="position"/>; the delta accumulates over the frame.</summary>
    public void MoveMouse(Vector2 position)
    {
        MouseDelta += position - MousePosition;
        MousePosition = position;
    }

    /// <summary>Records a button going down (at the current mouse position).</summary>
    public void PressMouse(MouseButton button)
    {
        var slot = Slot(button);
        if (!_buttonsDown[slot])
        {
            _buttonsPressed[slot] = true;
        }

        _buttonsDown[slot] = true;
    }

    /// <summary>Records a button going up.</summary>
    public void ReleaseMouse(MouseButton button)
    {
        var slot = Slot(button);
        if (_buttonsDown[slot])
        {
            _buttonsReleased[slot] = true;
        }

        _buttonsDown[slot] = false;
    }

    /// <summary>Adds wheel movement (notches); several events in a frame add up.</summary>
    public void ScrollWheel(Vector2 notches) => Wheel += notches;

    /// <summary>Appends typed text.</summary>
    public void AddText(string typed) => _text.Append(typed);

    /// <summary>Records that the user asked to close the window.</summary>
    public void RequestClose() => CloseRequested = true;

    /// <summary>Records a window resize to <paramref name="width"/> × <paramref name="height"/>.</summary>
    public void Resize(int width, int height) => ResizedTo = (width, height);

    /// <summary>Releases every key and button without edges (e.g. when the window loses focus).</summary>
    public void ReleaseAll()
    {
        Array.Clear(_keysDown);
        Array.Clear(_buttonsDown);
    }

    private static int Slot(Key key) => (uint)key < KeySlots ? (int)key : 0;

    private static int Slot(MouseButton button) => (uint)button < ButtonSlots ? (int)button : 0;
}
