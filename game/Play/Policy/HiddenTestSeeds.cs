using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VmQuest.Play.Policy;

/// <summary>
/// Where the seeds of a policy level's hidden tests come from. The game's own source (<see cref="HiddenTestSeeds.Fresh"/>) draws
/// every seed from the operating system's cryptographic generator when the hidden tests run — at verify time, at
/// the end of a play — so no file a player receives contains them and no two verifications use the same ones.
/// Tests pass a fixed source to check a known outcome.
/// </summary>
public interface IHiddenTestSeeds
{
    /// <summary>The seed of hidden test <paramref name="index"/> (0-based) of this run.</summary>
    ulong SeedOf(int index);
}

/// <summary>Seeds from <see cref="RandomNumberGenerator"/>, fresh for every call.</summary>
public sealed class FreshHiddenTestSeeds : IHiddenTestSeeds
{
    /// <summary>The shared instance; it keeps no state.</summary>
    public static FreshHiddenTestSeeds Instance { get; } = new();

    /// <inheritdoc/>
    public ulong SeedOf(int index)
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}

/// <summary>Fixed seeds (tests, and reproducing a reported failure: the failure names its seed).</summary>
public sealed class FixedHiddenTestSeeds(params IReadOnlyList<ulong> seeds) : IHiddenTestSeeds
{
    /// <inheritdoc/>
    public ulong SeedOf(int index) => seeds[index % seeds.Count];
}

/// <summary>The static entry point of the game's seed source.</summary>
public static class HiddenTestSeeds
{
    /// <summary>Fresh seeds from the operating system (the default everywhere a level is played or verified).</summary>
    public static IHiddenTestSeeds Fresh => FreshHiddenTestSeeds.Instance;
}
