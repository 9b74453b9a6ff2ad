using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Play.Permissions;

/// <summary>
/// A process asked the kernel for a new mapping (mmap) and waits for the player to say what it may do there.
/// </summary>
/// <param name="Pid">The asking process.</param>
/// <param name="Process">Its name in the level.</param>
/// <param name="Length">The mapping's length in bytes, as asked.</param>
/// <param name="Requested">The permissions the program asked for (PROT_*); the kernel never grants more.</param>
/// <param name="Line">The program line of the mmap, or 0 when unknown.</param>
public sealed record PermissionRequest(int Pid, string Process, ulong Length, VmaPermissions Requested, int Line);
