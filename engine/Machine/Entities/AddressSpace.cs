namespace VmQuest.Engine.Machine.Entities;

/// <summary>
/// Component of an address-space entity (a process's mm, later): its root table and PCID.
/// <see cref="Root"/> is what CR3 gets on a switch.
/// </summary>
public struct AddressSpace
{
    /// <summary>Physical address of the root table.</summary>
    public ulong Root;

    /// <summary>TLB tag used while this address space is current.</summary>
    public ushort Pcid;
}
