using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Play.Permissions;

/// <summary>
/// Permissions as <c>/proc/PID/maps</c> and <c>readelf -l</c> readers know them: three characters, <c>r</c> or
/// <c>-</c>, <c>w</c> or <c>-</c>, <c>x</c> or <c>-</c> (<c>rw-</c>, <c>r-x</c>, <c>---</c>). The one spelling
/// replay actions use, so every argument stays one word.
/// </summary>
public static class PermissionText
{
    /// <summary>The spelling of <paramref name="permissions"/>, e.g. <c>r-x</c>.</summary>
    public static string Format(VmaPermissions permissions) => new(
    [
        (permissions & VmaPermissions.Read) != 0 ? 'r' : '-',
        (permissions & VmaPermissions.Write) != 0 ? 'w' : '-',
        (permissions & VmaPermissions.Execute) != 0 ? 'x' : '-',
    ]);

    /// <summary>Parses a spelling made by <see cref="Format"/>; false for anything else (wrong length, order or letter).</summary>
    public static bool TryParse(string? text, out VmaPermissions permissions)
    {
        permissions = VmaPermissions.None;
        if (text is not { Length: 3 })
        {
            return false;
        }

        (char Letter, VmaPermissions Bit)[] slots = [('r', VmaPermissions.Read), ('w', VmaPermissions.Write), ('x', VmaPermissions.Execute)];
        for (var i = 0; i < 3; i++)
        {
            if (text[i] == slots[i].Letter)
            {
                permissions |= slots[i].Bit;
            }
            else if (text[i] != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The sentence-part naming what a spelling is expected to be (for refusals).</summary>
    public const string Expected = "three characters r or -, w or -, x or - (e.g. rw-, r-x, ---)";

    /// <summary><see cref="Expected"/> in Simplified Chinese.</summary>
    public const string ExpectedZh = "三个字符，依次为 r 或 -、w 或 -、x 或 -（如 rw-、r-x、---）";
}
