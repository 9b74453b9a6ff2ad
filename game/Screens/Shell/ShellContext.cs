using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Progress;
using VmQuest.Screens.Play;
using VmQuest.Settings;

namespace VmQuest.Screens.Shell;

/// <summary>
/// What every shell screen shares: the backend (its size lays the screens out), the settings, the records and
/// clocks (<see cref="IGameProgress"/>), the folder of levels, and how to open the screens other parts of the game
/// own (the play screen, the sandbox city).
/// </summary>
public sealed class ShellContext
{
    private IReadOnlyList<LevelCatalogEntry>? _catalog;
    private UiContext _ui;

    /// <summary>Creates the context; the settings' palette becomes <see cref="Palette.Scheme"/>.</summary>
    public ShellContext(IRenderBackend backend, SettingsStore settings, IGameProgress progress, string levelDirectory, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(levelDirectory);
        Backend = backend;
        Settings = settings;
        Progress = progress;
        LevelDirectory = levelDirectory;
        LanguageOverride = language;
        _ui = UiOf(settings.Current);
        Palette.Scheme = settings.Current.Palette;
    }

    /// <summary>The backend the screens draw on (its size lays them out).</summary>
    public IRenderBackend Backend { get; }

    /// <summary>The player's settings.</summary>
    public SettingsStore Settings { get; }

    /// <summary>Records and speedrun clocks.</summary>
    public IGameProgress Progress { get; }

    /// <summary>The folder the level select lists (<c>content/levels</c> by default).</summary>
    public string LevelDirectory { get; }

    /// <summary>A language given on the command line (<c>--lang</c>) for this run only, until the player picks one in the settings.</summary>
    public string? LanguageOverride { get; private set; }

    /// <summary>Opens a level's play screen (set by the command that starts the game, which may need this context to make it).</summary>
    public Func<Level, IScreen>? OpenLevel { get; set; }

    /// <summary>Opens the sandbox city, or null when the game was started without it.</summary>
    public Func<IScreen>? OpenSandbox { get; init; }

    /// <summary>A line the title screen shows once (a records problem, a malformed settings file), or null.</summary>
    public string? StartupNote { get; init; }

    /// <summary>
    /// The UI language and scale from the settings (and <see cref="LanguageOverride"/>). The scale is at most
    /// <see cref="MaxScaleOverFit"/> times what fits the window (the screens are laid out for 1280 × 720 at 100 %),
    /// so 200 % in a 720-line window is shown at 150 % rather than spilling off the screen.
    /// </summary>
    public UiContext Ui
    {
        get
        {
            var fit = Math.Min(Backend.Width / 1280f, Backend.Height / 720f) * MaxScaleOverFit;
            return _ui.Scale <= fit || fit <= 0 ? _ui : _ui with { Scale = Math.Max(0.75f, fit) };
        }
    }

    /// <summary>How far past the window's fitting scale the UI may grow.</summary>
    public const float MaxScaleOverFit = 1.5f;

    /// <summary>Every level file of <see cref="LevelDirectory"/> in teaching order (<see cref="Curriculum"/>; scanned once, <see cref="Rescan"/> reads them again).</summary>
    public IReadOnlyList<LevelCatalogEntry> Catalog => _catalog ??= Curriculum.Order([.. LevelCatalog.Scan(LevelDirectory).Select(VmQuest.Play.LevelPlayability.Check)]);

    /// <summary>Forgets the scanned catalogue (the level select re-reads the folder when opened).</summary>
    public void Rescan() => _catalog = null;

    /// <summary>Every level open for this run (<c>vmquest play --unlock-all</c>), whatever the settings say.</summary>
    public bool UnlockAllOverride { get; init; }

    /// <summary>True when the campaign map is ignored: <c>--unlock-all</c>, or the setting "Levels open: all".</summary>
    public bool UnlockAll => UnlockAllOverride || Settings.Current.UnlockAll;

    /// <summary>
    /// The levels of the catalogue that must still be cleared (won once) before <paramref name="level"/> opens, in
    /// campaign order; empty when it is open (always so with <see cref="UnlockAll"/>, and for a level not on the
    /// map). <paramref name="standingOf"/> answers from the records (a screen passes its cache).
    /// </summary>
    public IReadOnlyList<Level> LockedBy(Level level, Func<Level, LevelStanding> standingOf)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(standingOf);
        if (UnlockAll)
        {
            return [];
        }

        var byId = new Dictionary<string, Level>(StringComparer.Ordinal);
        foreach (var present in Catalog.Select(e => e.Level).OfType<Level>())
        {
            byId.TryAdd(present.Id, present);
        }

        return [.. Curriculum.LockedBy(level.Id, byId.Keys.ToHashSet(StringComparer.Ordinal), id => standingOf(byId[id]).Won).Select(id => byId[id])];
    }

    /// <summary>Changes the settings (written to disk at once) and applies them: language, scale and palette.</summary>
    public void ChangeSettings(GameSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (LanguageOverride is not null && settings.Language != LanguageOverride)
        {
            LanguageOverride = null; // the player chose a language: it wins over the command line from now on
        }

        Settings.Change(settings);
        Palette.Scheme = settings.Palette;
        _ui = UiOf(settings);
    }

    private UiContext UiOf(GameSettings settings) => new(LanguageOverride ?? settings.Language, settings.ScalePercent / 100f);
}
