namespace VmQuest.Engine.Formats.Maps;

/// <summary>
/// Gives each maps entry a <see cref="MapsKind"/>. Pseudo-names decide directly; file mappings of the main
/// executable become text / read-only data / data by permissions; an unnamed anonymous mapping that starts
/// exactly where the executable's last mapping ends is its bss; everything else is a mapped file or anonymous.
/// </summary>
public static class MapsClassifier
{
    /// <summary>Classifies every entry.</summary>
    /// <param name="entries">Entries in address order (as <see cref="MapsReader"/> returns them).</param>
    /// <param name="executablePath">The main executable's path as it appears in the maps; when null, the
    /// path of the lowest file-backed entry (the executable in a normal process).</param>
    /// <returns>One kind per entry, same order.</returns>
    public static MapsKind[] Classify(IReadOnlyList<MapsEntry> entries, string? executablePath = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        executablePath ??= FirstFilePath(entries);
        var kinds = new MapsKind[entries.Count];
        ulong executableEnd = ulong.MaxValue;
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            MapsKind kind;
            if (e.Path.Length == 0)
            {
                kind = e.Start == executableEnd ? MapsKind.Bss : MapsKind.Anonymous;
            }
            else if (e.IsPseudoPath)
            {
                kind = Pseudo(e.Path);
            }
            else if (executablePath is not null && e.PathWithoutDeletedSuffix == executablePath)
            {
                kind = (e.Permissions & MapsPermissions.Execute) != 0 ? MapsKind.Text
                    : (e.Permissions & MapsPermissions.Write) != 0 ? MapsKind.Data
                    : MapsKind.ReadOnlyData;
                executableEnd = e.End;
            }
            else
            {
                kind = MapsKind.MappedFile;
            }

            kinds[i] = kind;
        }

        return kinds;
    }

    /// <summary>Kind of a bracketed pseudo-name.</summary>
    /// <param name="name">The name including brackets.</param>
    /// <returns>The kind.</returns>
    public static MapsKind Pseudo(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "[heap]" => MapsKind.Heap,
            "[stack]" => MapsKind.Stack,
            "[vdso]" => MapsKind.Vdso,
            "[vsyscall]" => MapsKind.Vsyscall,
            _ when name.StartsWith("[stack:", StringComparison.Ordinal) => MapsKind.Stack,
            _ when name.StartsWith("[vvar", StringComparison.Ordinal) => MapsKind.Vvar,
            _ when name.StartsWith("[anon", StringComparison.Ordinal) => MapsKind.Anonymous,
            _ => MapsKind.Special,
        };
    }

    private static string? FirstFilePath(IReadOnlyList<MapsEntry> entries)
    {
        foreach (var e in entries)
        {
            if (e.IsFileBacked)
            {
                return e.PathWithoutDeletedSuffix;
            }
        }

        return null;
    }
}
