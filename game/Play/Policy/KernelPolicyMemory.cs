using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Machine.Description;
using VmQuest.Play.Policy.Language;

namespace VmQuest.Play.Policy;

/// <summary>
/// The policy's view of a kernel (<see cref="IPolicyMemory"/>): the resident user pages found in the frame table,
/// their accessed and dirty bits read from their PTEs at the moment the policy looks (and the accessed bit cleared
/// there, with the TLB entry dropped as Linux's <c>ptep_clear_flush_young</c> does), and the registers the
/// policy keeps for each page. <see cref="Sync"/> notices pages loaded and gone since it last looked and runs
/// <c>on load</c> for each new one. Every step the policy takes costs the kernel one cycle.
/// </summary>
public sealed class KernelPolicyMemory : IPolicyMemory
{
    /// <summary>Cycles one step of the policy costs the kernel (a policy that scans a lot makes the kernel slower).</summary>
    public const long CyclesPerStep = 1;

    private readonly KernelCore _kernel;
    private readonly ulong _pageBase;
    private readonly Dictionary<ulong, PolicyPage> _byFrame = [];
    private readonly List<PolicyPage> _pages = [];
    private long _stamp;

    /// <summary>A view of <paramref name="kernel"/> for <paramref name="interpreter"/>; page numbers count from <paramref name="pageBase"/> (a virtual address).</summary>
    public KernelPolicyMemory(KernelCore kernel, PolicyInterpreter interpreter, ulong pageBase)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(interpreter);
        _kernel = kernel;
        Interpreter = interpreter;
        _pageBase = pageBase;
    }

    /// <summary>The interpreter of the player's policy.</summary>
    public PolicyInterpreter Interpreter { get; }

    /// <inheritdoc/>
    public IReadOnlyList<PolicyPage> Pages => _pages;

    /// <inheritdoc/>
    public long Now { get; set; }

    /// <summary>
    /// Brings the view up to date with the frame table: forgets pages no longer resident and adds new ones
    /// (lowest frame first), each with a fresh load stamp, running <c>on load</c> for it.
    /// </summary>
    /// <exception cref="PolicyRuntimeException">The policy failed in <c>on load</c>.</exception>
    public void Sync()
    {
        var gone = _pages.Where(p => !Holds(p)).ToList();
        foreach (var page in gone)
        {
            _pages.Remove(page);
            _byFrame.Remove(page.Frame);
        }

        for (ulong frame = 0; frame < (ulong)_kernel.Frames.Count; frame++)
        {
            var use = _kernel.Frames.UseOf(frame);
            if (use is not (FrameUse.Anonymous or FrameUse.File) || _byFrame.ContainsKey(frame))
            {
                continue;
            }

            var va = _kernel.Frames.VirtualAddressOf(frame);
            var page = new PolicyPage(frame, _kernel.Frames.OwnerOf(frame), (long)((va - _pageBase) >> _kernel.Machine.Description.PageShift),
                use == FrameUse.File, NextStamp(), Interpreter.Program.Registers.Count);
            _byFrame[frame] = page;
            _pages.Add(page);
            Charged(() => Interpreter.Loaded(this, page));
        }
    }

    /// <summary>Runs <c>on tick</c> for tick <paramref name="tick"/> (after a <see cref="Sync"/>).</summary>
    public void Tick(long tick)
    {
        Now = tick;
        Sync();
        Charged(() => Interpreter.Tick(this, tick));
    }

    /// <summary>The frame the policy evicts now (after a <see cref="Sync"/>).</summary>
    public ulong ChooseVictim()
    {
        Sync();
        PolicyPage? victim = null;
        Charged(() => victim = Interpreter.ChooseVictim(this));
        return victim!.Frame;
    }

    /// <inheritdoc/>
    public long Accessed(PolicyPage page) => Leaf(page) is { } leaf && (leaf.Flags & PteBits.Accessed) != 0 ? 1 : 0;

    /// <inheritdoc/>
    public long Dirty(PolicyPage page) => Leaf(page) is { } leaf && (leaf.Flags & PteBits.Dirty) != 0 ? 1 : 0;

    /// <inheritdoc/>
    public void ClearAccessed(PolicyPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Leaf(page) is { } leaf && (leaf.Flags & PteBits.Accessed) != 0)
        {
            // SetFlags rewrites the leaf and invalidates its TLB entry: the next use walks and sets the bit again.
            _kernel.Machine.Tables.SetFlags(_kernel.MemoryOf(page.Owner).Root, VirtualAddress(page), leaf.Flags & ~PteBits.Accessed);
        }
    }

    /// <inheritdoc/>
    public long NextStamp() => ++_stamp;

    private void Charged(Action run)
    {
        var before = Interpreter.TotalSteps;
        try
        {
            run();
        }
        finally
        {
            _kernel.Machine.Clock.Advance((Interpreter.TotalSteps - before) * CyclesPerStep);
        }
    }

    private bool Holds(PolicyPage page) =>
        _kernel.Frames.UseOf(page.Frame) is FrameUse.Anonymous or FrameUse.File
        && _kernel.Frames.OwnerOf(page.Frame) == page.Owner
        && _kernel.Frames.VirtualAddressOf(page.Frame) == VirtualAddress(page);

    private ulong VirtualAddress(PolicyPage page) => _pageBase + ((ulong)page.Page << _kernel.Machine.Description.PageShift);

    private Engine.Machine.PageTables.LeafMapping? Leaf(PolicyPage page)
    {
        if (!_kernel.Exists(page.Owner))
        {
            return null;
        }

        var leaf = _kernel.Machine.Tables.FindLeaf(_kernel.MemoryOf(page.Owner).Root, VirtualAddress(page));
        return leaf is { } found && found.Frame == page.Frame ? found : null;
    }
}
