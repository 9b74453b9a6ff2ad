using System.Security.Cryptography;

namespace VmQuest.Levels.Model;

/// <summary>
/// A file a level uses, read once when the level was loaded: the simulation, the hash and the checks all use
/// these same bytes, so a file changed after loading cannot make them disagree.
/// </summary>
/// <param name="RelativePath">Its path inside the level's folder after resolving links and <c>..</c>, with <c>/</c> separators.</param>
/// <param name="FullPath">Its resolved absolute path (inside the level's folder).</param>
/// <param name="Bytes">Its contents.</param>
public sealed record LevelFile(string RelativePath, string FullPath, byte[] Bytes)
{
    /// <summary>Lowercase hex SHA-256 of <see cref="Bytes"/>.</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));
}
