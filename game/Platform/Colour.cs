using System.Globalization;

namespace VmQuest.Platform;

/// <summary>
/// An sRGB colour with straight (not premultiplied) alpha, 8 bits a channel. Immutable; equality is by value.
/// </summary>
public readonly record struct Colour(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Parses <c>#RRGGBB</c> or <c>#RRGGBBAA</c> (the leading <c>#</c> is optional).</summary>
    /// <exception cref="FormatException">The text is not 6 or 8 hexadecimal digits.</exception>
    public static Colour FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith('#') ? hex[1..] : hex;
        if (digits.Length is not (6 or 8)
            || !uint.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{hex}' is not a colour: expected #RRGGBB or #RRGGBBAA.");
        }

        return digits.Length == 6
            ? new Colour((byte)(value >> 16), (byte)(value >> 8), (byte)value)
            : new Colour((byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value);
    }

    /// <summary>Builds a colour from a packed <c>0xAARRGGBB</c> value (the layout <see cref="ToArgb"/> makes).</summary>
    public static Colour FromArgb(uint argb) =>
        new((byte)(argb >> 16), (byte)(argb >> 8), (byte)argb, (byte)(argb >> 24));

    /// <summary>The same colour with alpha replaced.</summary>
    public Colour WithAlpha(byte alpha) => this with { A = alpha };

    /// <summary>Packs to <c>0xAARRGGBB</c>, the texture and pixel-readback format of the backend.</summary>
    public uint ToArgb() => ((uint)A << 24) | ((uint)R << 16) | ((uint)G << 8) | B;

    /// <summary>Linear blend towards <paramref name="other"/>; <paramref name="t"/> is clamped to [0, 1].</summary>
    public Colour Lerp(Colour other, float t)
    {
        t = Math.Clamp(t, 0f, 1f);
        return new Colour(Mix(R, other.R, t), Mix(G, other.G, t), Mix(B, other.B, t), Mix(A, other.A, t));

        static byte Mix(byte a, byte b, float t) => (byte)MathF.Round(a + ((b - a) * t));
    }

    /// <summary>WCAG 2 relative luminance in [0, 1] (alpha ignored).</summary>
    public double RelativeLuminance() =>
        (0.2126 * Linear(R)) + (0.7152 * Linear(G)) + (0.0722 * Linear(B));

    /// <summary>
    /// WCAG 2 contrast ratio between two opaque colours, from 1 (same) to 21 (black on white). Normal text needs
    /// at least 4.5.
    /// </summary>
    public static double ContrastRatio(Colour a, Colour b)
    {
        var la = a.RelativeLuminance();
        var lb = b.RelativeLuminance();
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary><c>#RRGGBB</c>, or <c>#RRGGBBAA</c> when not opaque.</summary>
    public override string ToString() =>
        A == 255
            ? string.Create(CultureInfo.InvariantCulture, $"#{R:X2}{G:X2}{B:X2}")
            : string.Create(CultureInfo.InvariantCulture, $"#{R:X2}{G:X2}{B:X2}{A:X2}");

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
