namespace VmQuest.Engine.Formats.Lackey;

/// <summary>The letter starting a lackey <c>--trace-mem=yes</c> line.</summary>
public enum LackeyAccessKind : byte
{
    /// <summary><c>I</c>: an instruction fetch (a read of code).</summary>
    Instruction,

    /// <summary><c>L</c>: a data load (read).</summary>
    Load,

    /// <summary><c>S</c>: a data store (write).</summary>
    Store,

    /// <summary><c>M</c>: a modify — a load and a store of the same bytes (e.g. <c>inc [mem]</c>); one access that reads and writes.</summary>
    Modify,
}
