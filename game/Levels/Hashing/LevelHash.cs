using System.Security.Cryptography;
using System.Text;

namespace VmQuest.Levels.Hashing;

/// <summary>The level hash: lowercase hex SHA-256 of the UTF-8 bytes of the level's canonical form.</summary>
public static class LevelHash
{
    /// <summary>The hash of <paramref name="canonicalForm"/> (64 lowercase hex digits).</summary>
    public static string Of(string canonicalForm) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalForm)));
}
