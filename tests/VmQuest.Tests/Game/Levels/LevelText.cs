using VmQuest.Engine.Formats;
using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;

namespace VmQuest.Tests.Game.Levels;

/// <summary>A small valid level as text (line numbers matter to the error tests), and helpers to load variants of it.</summary>
internal static class LevelText
{
    /// <summary>Line numbers: 1 id, 2 version, 3 title, 6 frames, 7–9 traces, 10–11 player, 12–13 goals, 14–17 metrics, 18–19 optimum.</summary>
    public const string Minimal =
        """
        id: tiny
        version: 1
        title: { en: Tiny, zh-Hans: 小 }
        briefing: { en: Evict wisely., zh-Hans: 明智地换出。 }
        hint: { en: Look ahead., zh-Hans: 往后看。 }
        frames: 4
        traces:
          - name: t
            generator: { kind: uniform, length: 20, pages: 6, seed: 1 }
        player:
          mechanics: [victim]
        goals:
          - kind: trace-completes
        metrics:
          - { name: faults, par: 12 }
          - { name: actions, par: 20 }
          - { name: cycles, par: 100000 }
        optimum:
          - { metric: faults, computed: opt-faults }

        """;

    /// <summary><see cref="Minimal"/> with one exact piece of text replaced (which must occur).</summary>
    public static string With(string find, string replace)
    {
        Assert.Contains(find, Minimal, StringComparison.Ordinal);
        return Minimal.Replace(find, replace, StringComparison.Ordinal);
    }

    /// <summary>Loads <paramref name="text"/> as <c>level.yaml</c> in a fresh folder.</summary>
    public static Level Load(string text)
    {
        using var folder = LevelSamples.Scratch();
        return LevelLoader.Load(folder.Write("level.yaml", text));
    }

    /// <summary>The one-line error loading <paramref name="text"/> gives, with the scratch folder's path removed.</summary>
    public static string Error(string text, Action<ScratchFolder>? prepare = null)
    {
        using var folder = LevelSamples.Scratch();
        prepare?.Invoke(folder);
        string path = folder.Write("level.yaml", text);
        var e = Assert.ThrowsAny<FormatParseException>(() => LevelLoader.Load(path));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message.Replace(folder.Path + "/", "", StringComparison.Ordinal);
    }
}
