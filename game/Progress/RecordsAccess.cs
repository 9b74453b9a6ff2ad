using VmQuest.Records;

namespace VmQuest.Progress;

/// <summary>
/// The game's way into the records: each use opens the database, does its work and closes it, so the game holds
/// no lock between writes and notices at once when the file was moved away, replaced by something that is not a
/// records database (moved aside again, a new one started), locked by another VmQuest or made by a newer one.
/// A problem is never thrown: it comes back as one line for the player and the use returns nothing.
/// </summary>
internal sealed class RecordsAccess(string dataDirectory, TimeProvider wall)
{
    /// <summary>The data directory the records live in.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>The database file.</summary>
    public string DatabasePath => RecordsLocation.DatabasePath(DataDirectory);

    /// <summary>
    /// Runs <paramref name="body"/> on an open store. <paramref name="note"/> is the line to show (a file moved
    /// aside on open, or why the records could not be used — then the result is default), else null.
    /// </summary>
    public T? Use<T>(Func<RecordsStore, T> body, out string? note)
    {
        note = null;
        try
        {
            using var store = RecordsStore.Open(DataDirectory, wall.GetUtcNow());
            note = store.Recovery?.Line;
            return body(store);
        }
        catch (RecordsException e)
        {
            note = Combine(note, $"vmquest: {e.Message}; not recorded (the game plays on)");
            return default;
        }
        catch (InvalidOperationException e)
        {
            // A campaign run another VmQuest ended meanwhile: this write does not fit any more.
            note = Combine(note, $"vmquest: {DatabasePath}: {e.Message}; not recorded (the game plays on)");
            return default;
        }
    }

    /// <summary>Two notes as one line (either may be null).</summary>
    public static string? Combine(string? first, string? second) =>
        first is null ? second : second is null ? first : first + "; " + second;
}
