namespace VmQuest.Platform;

/// <summary>
/// Finds the font files the game draws with: DejaVu Sans for Latin text (Debian package fonts-dejavu-core)
/// and WenQuanYi Micro Hei for Chinese (fonts-wqy-microhei). Looks at well-known paths first, then searches
/// the usual font folders by file name, then accepts a few common alternatives.
/// </summary>
/// <remarks>
/// The environment variables <c>VMQUEST_FONT</c> and <c>VMQUEST_CJK_FONT</c>, when they name an existing
/// file, win over everything else. Results are computed once per process.
/// </remarks>
public static class FontLocator
{
    private static readonly string[] LatinNames =
        ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "FreeSans.ttf", "NotoSans-Regular.ttf", "arial.ttf", "Arial.ttf"];

    private static readonly string[] CjkNames =
        ["wqy-microhei.ttc", "wqy-zenhei.ttc", "NotoSansCJK-Regular.ttc", "NotoSansSC-Regular.otf", "msyh.ttc", "PingFang.ttc"];

    private static readonly string[] KnownLatinPaths =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    ];

    private static readonly string[] KnownCjkPaths =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    ];

    private static readonly Lazy<string?> Latin = new(() => Find("VMQUEST_FONT", KnownLatinPaths, LatinNames));
    private static readonly Lazy<string?> Cjk = new(() => Find("VMQUEST_CJK_FONT", KnownCjkPaths, CjkNames));

    /// <summary>The Latin (default) font file, or <c>null</c> if none was found.</summary>
    public static string? LatinFont => Latin.Value;

    /// <summary>The Simplified Chinese font file, or <c>null</c> if none was found (Chinese then shows as boxes).</summary>
    public static string? CjkFont => Cjk.Value;

    /// <summary>The folders searched by file name, in order.</summary>
    public static IReadOnlyList<string> SearchRoots()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var roots = new List<string>
        {
            "/usr/share/fonts", "/usr/local/share/fonts",
            Path.Combine(home, ".local", "share", "fonts"), Path.Combine(home, ".fonts"),
            "/Library/Fonts", "/System/Library/Fonts", Path.Combine(home, "Library", "Fonts"),
        };
        var windows = Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
        if (windows.Length > 0)
        {
            roots.Add(windows);
        }

        return roots;
    }

    /// <summary>
    /// Searches <paramref name="roots"/> (recursively) for the first of <paramref name="fileNames"/>, trying the
    /// names in preference order. Unreadable folders are skipped.
    /// </summary>
    public static string? FindByName(IEnumerable<string> roots, IReadOnlyList<string> fileNames)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive,
        };
        var existing = roots.Where(Directory.Exists).ToList();
        foreach (var name in fileNames)
        {
            foreach (var root in existing)
            {
                var hit = Directory.EnumerateFiles(root, name, options).FirstOrDefault();
                if (hit is not null)
                {
                    return hit;
                }
            }
        }

        return null;
    }

    private static string? Find(string environmentVariable, string[] knownPaths, string[] names)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        return knownPaths.FirstOrDefault(File.Exists) ?? FindByName(SearchRoots(), names);
    }
}
