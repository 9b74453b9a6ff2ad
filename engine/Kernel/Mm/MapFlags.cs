namespace VmQuest.Engine.Kernel.Mm;

/// <summary>The mmap flags the simulation honours (a subset of Linux's MAP_* with the same meaning).</summary>
[Flags]
public enum MapFlags
{
    /// <summary>MAP_PRIVATE: writes make private copies (copy-on-write).</summary>
    Private = 0,

    /// <summary>MAP_SHARED: writes are seen by every sharer and reach the file.</summary>
    Shared = 1,

    /// <summary>MAP_FIXED: map exactly at the address, replacing what is there.</summary>
    Fixed = 2,

    /// <summary>MAP_FIXED_NOREPLACE: exactly at the address, but fail with EEXIST rather than replace.</summary>
    FixedNoReplace = 4,

    /// <summary>MAP_NORESERVE: no commit charge, so the overcommit heuristic does not refuse a large mapping.</summary>
    NoReserve = 8,
}
