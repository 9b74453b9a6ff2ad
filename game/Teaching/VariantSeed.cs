using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VmQuest.Teaching;

/// <summary>
/// The seed of one student's variant: the first 8 bytes (little-endian) of SHA-256 over
/// <c>vmquest-assign/1</c>, the level hash, the student id and the teacher's <c>--seed</c>, one per line. Anyone
/// with the same three inputs recomputes it; a student cannot guess another's without the level and the seed.
/// </summary>
public static class VariantSeed
{
    /// <summary>The seed of <paramref name="studentId"/>'s variant of the level with hash <paramref name="levelHash"/>.</summary>
    public static ulong Of(string levelHash, string studentId, ulong teacherSeed) =>
        BinaryPrimitives.ReadUInt64LittleEndian(Digest(levelHash, studentId, teacherSeed));

    /// <summary>Eight lower-case hex digits from the same digest (bytes 8–11), the variant's mark in its level id.</summary>
    public static string Mark(string levelHash, string studentId, ulong teacherSeed) =>
        Convert.ToHexStringLower(Digest(levelHash, studentId, teacherSeed).AsSpan(8, 4));

    /// <summary>A seed for the <paramref name="index"/>-th thing a variation draws from <paramref name="variantSeed"/> (SplitMix64's mix).</summary>
    public static ulong Derive(ulong variantSeed, int index)
    {
        ulong z = variantSeed + (0x9E3779B97F4A7C15UL * (ulong)(index + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static byte[] Digest(string levelHash, string studentId, ulong teacherSeed) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"vmquest-assign/1\n{levelHash}\n{studentId}\n{teacherSeed}")));
}
