using System.Globalization;
using VmQuest.Platform;
using VmQuest.Play.Translate;

namespace VmQuest.Screens.Play.Panels;

/// <summary>What the translate panel's keyboard is doing: picking an entry, typing a physical address, or choosing the fault.</summary>
internal enum TranslateInputMode
{
    /// <summary>Digits type the index, arrows move the highlighted entry, Enter reads it.</summary>
    Entry,

    /// <summary>Hex digits type the physical address, Enter answers it.</summary>
    Physical,

    /// <summary>1–4 choose the kind of fault.</summary>
    Fault,
}

/// <summary>
/// The translate panel's own view state — the highlighted entry, what is half typed, the mode — and the keyboard's
/// rules over it. Changes nothing but itself; a completed move comes back as a <see cref="PanelAction"/>.
/// Reset whenever the step of the walk changes (another translation, or another level of the same walk).
/// </summary>
internal sealed class TranslateInput
{
    private (long Tick, int Level) _step = (-1, -1);

    /// <summary>The mode the keys are in.</summary>
    public TranslateInputMode Mode { get; private set; }

    /// <summary>The highlighted entry of the current table.</summary>
    public ulong Cursor { get; private set; }

    /// <summary>What has been typed in the current mode (decimal index, or hex address without 0x).</summary>
    public string Typed { get; private set; } = "";

    /// <summary>Starts afresh when the walk has moved to another step since the last frame.</summary>
    public void Follow(long tick, int level)
    {
        if (_step != (tick, level))
        {
            _step = (tick, level);
            Mode = TranslateInputMode.Entry;
            Cursor = 0;
            Typed = "";
        }
    }

    /// <summary>Moves the highlight to entry <paramref name="index"/> (clamped to the table).</summary>
    public void Highlight(ulong index, ulong entries)
    {
        Cursor = Math.Min(index, entries - 1);
        Typed = "";
    }

    /// <summary>Switches to <paramref name="mode"/> with nothing typed.</summary>
    public void Enter(TranslateInputMode mode)
    {
        Mode = mode;
        Typed = "";
    }

    /// <summary>Reads this frame's keys; returns the completed action, or null.</summary>
    public PanelAction? Keys(InputState input, PendingTranslation t, int level, ulong entries)
    {
        if (input.IsKeyPressed(Key.Escape) && Mode != TranslateInputMode.Entry)
        {
            Enter(TranslateInputMode.Entry);
            return null;
        }

        if (input.IsKeyPressed(Key.Tab))
        {
            Enter(Mode == TranslateInputMode.Physical ? TranslateInputMode.Entry : TranslateInputMode.Physical);
            return null;
        }

        return Mode switch
        {
            TranslateInputMode.Physical => PhysicalKeys(input),
            TranslateInputMode.Fault => FaultKeys(input),
            _ => EntryKeys(input, t, level, entries),
        };
    }

    /// <summary>The action that reads entry <paramref name="index"/> at <paramref name="level"/>.</summary>
    public static PanelAction ReadEntry(int level, ulong index) => new(TranslateSession.EntryKind,
        [new("level", level.ToString(CultureInfo.InvariantCulture)), new("index", index.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>The action that answers <paramref name="physicalAddress"/>.</summary>
    public static PanelAction AnswerPhysical(ulong physicalAddress) => new(TranslateSession.PhysicalKind, [new("pa", TranslateSession.Hex(physicalAddress))]);

    /// <summary>The action that answers the fault <paramref name="kind"/>.</summary>
    public static PanelAction AnswerFault(string kind) => new(TranslateSession.FaultKind, [new("kind", kind)]);

    private PanelAction? EntryKeys(InputState input, PendingTranslation t, int level, ulong entries)
    {
        if (input.IsKeyPressed(Key.F))
        {
            Enter(TranslateInputMode.Fault);
            return null;
        }

        for (var digit = 0; digit < 10; digit++)
        {
            if (input.IsKeyPressed(digit == 0 ? Key.D0 : Key.D1 + (digit - 1)) && Typed.Length < 20)
            {
                Typed += (char)('0' + digit);
                Cursor = ulong.TryParse(Typed, NumberStyles.None, CultureInfo.InvariantCulture, out var typed) ? Math.Min(typed, entries - 1) : Cursor;
            }
        }

        if (input.IsKeyPressed(Key.Backspace) && Typed.Length > 0)
        {
            Typed = Typed[..^1];
        }

        var step = input.IsKeyPressed(Key.Down) ? 1L : input.IsKeyPressed(Key.Up) ? -1L
            : input.IsKeyPressed(Key.PageDown) ? 8L : input.IsKeyPressed(Key.PageUp) ? -8L : 0L;
        if (step != 0)
        {
            Highlight((ulong)Math.Clamp((long)Cursor + step, 0, (long)entries - 1), entries);
        }

        if (input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter))
        {
            var index = Typed.Length > 0 && ulong.TryParse(Typed, NumberStyles.None, CultureInfo.InvariantCulture, out var typed) ? typed : Cursor;
            Typed = "";
            return t.WalkComplete ? null : ReadEntry(level, index);
        }

        return null;
    }

    private PanelAction? PhysicalKeys(InputState input)
    {
        foreach (var c in input.Text)
        {
            if (Uri.IsHexDigit(c) && Typed.Length < 16)
            {
                Typed += char.ToLowerInvariant(c);
            }
        }

        if (input.IsKeyPressed(Key.Backspace) && Typed.Length > 0)
        {
            Typed = Typed[..^1];
        }

        if ((input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter)) && Typed.Length > 0
            && ulong.TryParse(Typed, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var pa))
        {
            Enter(TranslateInputMode.Entry);
            return AnswerPhysical(pa);
        }

        return null;
    }

    private PanelAction? FaultKeys(InputState input)
    {
        for (var i = 0; i < FaultWords.All.Count; i++)
        {
            if (input.IsKeyPressed(Key.D1 + i))
            {
                Enter(TranslateInputMode.Entry);
                return AnswerFault(FaultWords.All[i]);
            }
        }

        return null;
    }
}
