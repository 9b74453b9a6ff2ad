using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.City.Virtual;

/// <summary>
/// Human words for a VMA, as <c>/proc/PID/maps</c> would name it: the file path for a file-backed area,
/// <c>[heap]</c>, <c>[stack]</c>, or "anonymous mapping" — never the engine's enum names.
/// </summary>
public static class VmaWords
{
    /// <summary>The name of <paramref name="area"/>.</summary>
    public static string Of(in VmArea area)
    {
        if (area.Path is { } path)
        {
            return area.Kind switch
            {
                VmaKind.Text => $"{path} (code)",
                VmaKind.ReadOnlyData => $"{path} (read-only data)",
                VmaKind.Data => $"{path} (data)",
                _ => path,
            };
        }

        return area.Kind switch
        {
            VmaKind.Heap => "[heap]",
            VmaKind.Stack => "[stack]",
            VmaKind.Bss => "bss (zero-filled data)",
            VmaKind.Data => "data",
            VmaKind.Text => "code",
            VmaKind.ReadOnlyData => "read-only data",
            _ => "anonymous mapping",
        };
    }
}
