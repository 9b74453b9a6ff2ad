using VmQuest.Platform;
using VmQuest.Play;

namespace VmQuest.Screens.Play;

/// <summary>
/// A mechanic's own panel on the play screen (DESIGN.md §7: "play — the city plus the mechanic's own panel"): it
/// shows the pending decision and turns the player's clicks and keys into actions. One class per mechanic, made by
/// <see cref="MechanicPanels"/>.
/// </summary>
/// <remarks>
/// Raylib's rule, as in the city view: <see cref="Update"/> reads input and changes only the panel's own view state
/// (cursor, half-typed text) and returns the action the player completed; it never draws and never changes the
/// session — the play screen sends the action into the session (so it enters the schedule's Input phase, is recorded
/// for the replay, and can be undone). <see cref="Draw"/> only reads. Every text comes in the UI's language.
/// </remarks>
public interface IMechanicPanel
{
    /// <summary>The panel's heading in <paramref name="ui"/>'s language.</summary>
    string Title(UiContext ui);

    /// <summary>
    /// How wide the panel wants to be at 100 % scale, in pixels (the play screen gives it that much, up to 55 % of
    /// the window; the city takes the rest). A table as wide as <c>readelf -l</c>'s asks for more than the default.
    /// </summary>
    float Width => PlayScreenLayout.DefaultPanelWidth;

    /// <summary>The keys and mouse moves of this mechanic and what each does, for the screen's key bar and the briefing.</summary>
    IReadOnlyList<ControlHelp> Controls { get; }

    /// <summary>
    /// Reads this frame's input inside <paramref name="area"/>, and what the player clicked in the city this frame
    /// (<paramref name="cityClick"/>: a lot, a street address or a process, or null); returns the action the player
    /// completed, or null.
    /// </summary>
    PanelAction? Update(LevelSession session, InputState input, RectF area, UiContext ui, CityClick? cityClick);

    /// <summary>Draws the panel inside <paramref name="area"/> for the session's current state.</summary>
    void Draw(LevelSession session, IRenderBackend backend, RectF area, UiContext ui);
}

/// <summary>An action the player completed on a panel: an action kind of the mechanic and its key=value arguments.</summary>
/// <param name="Kind">The action's kind (as in the replay file).</param>
/// <param name="Arguments">Its arguments, in order (single words).</param>
public sealed record PanelAction(string Kind, IReadOnlyList<KeyValuePair<string, string>> Arguments);

/// <summary>One control of a screen or panel: the keys (or mouse move) and what it does, in both languages.</summary>
/// <param name="Keys">The keys as shown, e.g. <c>1–9</c>, <c>Enter</c>, <c>click a lot</c> (English).</param>
/// <param name="KeysZh">The keys as shown in Chinese (key names stay Latin; mouse moves are translated).</param>
/// <param name="What">What it does, in English.</param>
/// <param name="WhatZh">What it does, in Simplified Chinese.</param>
public sealed record ControlHelp(string Keys, string KeysZh, string What, string WhatZh)
{
    /// <summary>The keys in <paramref name="ui"/>'s language.</summary>
    public string KeysIn(UiContext ui) => ui.IsChinese ? KeysZh : Keys;

    /// <summary>What it does in <paramref name="ui"/>'s language.</summary>
    public string WhatIn(UiContext ui) => ui.IsChinese ? WhatZh : What;
}

/// <summary>What the player clicked in the city this frame (the play screen reads the city view's selection).</summary>
/// <param name="Frame">The physical frame (lot) clicked, or null.</param>
/// <param name="Pid">The process whose street or city-hall entry was clicked (0 for none).</param>
/// <param name="Va">The virtual address of the street page clicked, or null.</param>
public sealed record CityClick(ulong? Frame, int Pid, ulong? Va);
