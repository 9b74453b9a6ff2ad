namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>First in, first out: evicts the page loaded longest ago, whatever has been used since.</summary>
public sealed class FifoPolicy : IReplacementPolicy
{
    private readonly FrameList _loadOrder;

    /// <summary>Creates the policy for frames 0 … <paramref name="capacity"/>−1.</summary>
    public FifoPolicy(int capacity) => _loadOrder = new FrameList(capacity);

    /// <inheritdoc />
    public string Name => "fifo";

    /// <inheritdoc />
    public void Loaded(int frame) => _loadOrder.AddLast(frame);

    /// <inheritdoc />
    public void Accessed(int frame)
    {
    }

    /// <inheritdoc />
    public void Removed(int frame) => _loadOrder.Remove(frame);

    /// <inheritdoc />
    public int ChooseVictim() => _loadOrder.RemoveFirst();
}
