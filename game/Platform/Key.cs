namespace VmQuest.Platform;

/// <summary>
/// Keyboard keys by physical position. Values are USB HID usage ids, which are also SDL scancodes, so a
/// backend maps them without a table; on a non-US layout <see cref="A"/> is the key where US "A" sits.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1028:Enum Storage should be Int32", Justification = "It is Int32.")]
public enum Key
{
    /// <summary>No key.</summary>
    None = 0,
#pragma warning disable CS1591 // the key names are self-describing
    A = 4, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X, Y, Z,
    D1 = 30, D2, D3, D4, D5, D6, D7, D8, D9, D0,
    Enter = 40, Escape = 41, Backspace = 42, Tab = 43, Space = 44, Minus = 45, EqualsSign = 46,
    LeftBracket = 47, RightBracket = 48, Comma = 54, Period = 55, Slash = 56,
    F1 = 58, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12,
    Home = 74, PageUp = 75, Delete = 76, End = 77, PageDown = 78,
    Right = 79, Left = 80, Down = 81, Up = 82,
    KeypadMinus = 86, KeypadPlus = 87, KeypadEnter = 88,
    LeftControl = 224, LeftShift = 225, LeftAlt = 226, RightControl = 228, RightShift = 229, RightAlt = 230,
#pragma warning restore CS1591
}

/// <summary>Mouse buttons; values are SDL's button numbers.</summary>
public enum MouseButton
{
    /// <summary>The primary (left) button.</summary>
    Left = 1,

    /// <summary>The middle button or wheel press.</summary>
    Middle = 2,

    /// <summary>The secondary (right) button.</summary>
    Right = 3,
}
