namespace VmQuest.Engine.Kernel.Mm;

/// <summary>An observer for address spaces with no page tables behind them (layout previews, <c>maps --exec</c>).</summary>
public sealed class NullMappingObserver : IMappingObserver
{
    /// <summary>The shared instance; it keeps no state.</summary>
    public static NullMappingObserver Instance { get; } = new();

    /// <inheritdoc />
    public void Unmapped(in VmArea area)
    {
    }

    /// <inheritdoc />
    public void ProtectionChanged(ulong startAddress, ulong endAddress, VmaPermissions permissions)
    {
    }
}
