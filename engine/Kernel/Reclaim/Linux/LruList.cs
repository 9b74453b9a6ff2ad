namespace VmQuest.Engine.Kernel.Reclaim.Linux;

/// <summary>
/// Linux's <c>enum lru_list</c> for evictable pages, in its order: the inactive and active lists of anonymous pages,
/// then of file pages (<c>LRU_INACTIVE_ANON</c> … <c>LRU_ACTIVE_FILE</c>). The unevictable list (mlocked pages) is
/// not modelled: no statement locks memory.
/// </summary>
public enum LruList : byte
{
    /// <summary><c>LRU_INACTIVE_ANON</c>: where a new anonymous page starts (since Linux 5.9).</summary>
    InactiveAnon,

    /// <summary><c>LRU_ACTIVE_ANON</c>: anonymous pages referenced again while inactive.</summary>
    ActiveAnon,

    /// <summary><c>LRU_INACTIVE_FILE</c>: where a page read into the page cache starts.</summary>
    InactiveFile,

    /// <summary><c>LRU_ACTIVE_FILE</c>: file pages referenced again while inactive.</summary>
    ActiveFile,
}

/// <summary>The arithmetic Linux does on <see cref="LruList"/> values (<c>is_file_lru</c>, <c>is_active_lru</c>, <c>LRU_ACTIVE</c>).</summary>
public static class LruListExtensions
{
    /// <summary>Linux's <c>is_file_lru</c>.</summary>
    public static bool IsFile(this LruList list) => list >= LruList.InactiveFile;

    /// <summary>Linux's <c>is_active_lru</c>.</summary>
    public static bool IsActive(this LruList list) => list is LruList.ActiveAnon or LruList.ActiveFile;

    /// <summary>The inactive list of anonymous (<paramref name="file"/> false) or file pages.</summary>
    public static LruList Inactive(bool file) => file ? LruList.InactiveFile : LruList.InactiveAnon;

    /// <summary>The active list beside an inactive one (<c>inactive_lru + LRU_ACTIVE</c>).</summary>
    public static LruList ActiveOf(this LruList inactive) => inactive + 1;
}
