namespace VmQuest.Engine.Formats.Lackey;

/// <summary>One page touched by one trace access (an access crossing a page boundary gives several, in order).</summary>
/// <param name="Page">Page number (address shifted right by the page shift).</param>
/// <param name="Kind">The access kind: decides read / write / execute checks.</param>
public readonly record struct PageTouch(ulong Page, LackeyAccessKind Kind)
{
    /// <summary>Whether the touch reads (<c>I</c>, <c>L</c>, <c>M</c>).</summary>
    public bool IsRead => Kind != LackeyAccessKind.Store;

    /// <summary>Whether the touch writes (<c>S</c>, <c>M</c>).</summary>
    public bool IsWrite => Kind is LackeyAccessKind.Store or LackeyAccessKind.Modify;
}
