using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Play.Permissions;

/// <summary>A mapping the kernel made on the player's answer: where it is, what was asked and what was granted.</summary>
/// <param name="Pid">The process.</param>
/// <param name="Process">Its name in the level.</param>
/// <param name="Start">The mapping's first address.</param>
/// <param name="End">One past its last address (page-aligned).</param>
/// <param name="Requested">What the program asked for.</param>
/// <param name="Granted">What the player granted (a subset of <paramref name="Requested"/>).</param>
/// <param name="Line">The program line of the mmap.</param>
public sealed record PermissionGrant(int Pid, string Process, ulong Start, ulong End, VmaPermissions Requested, VmaPermissions Granted, int Line);

/// <summary>One step a level's process took, as the session saw it (the panel's log; the reference player's evidence).</summary>
/// <param name="Pid">The process.</param>
/// <param name="Process">Its name in the level.</param>
/// <param name="Line">The program line.</param>
/// <param name="Statement">The kind of statement (read, write, fetch, mmap, exit…).</param>
/// <param name="Address">The address accessed, for memory accesses; else null.</param>
/// <param name="Allowed">For memory accesses, what the VMA holding the address allowed (null: no VMA there).</param>
/// <param name="Killed">True when the step killed the process.</param>
/// <param name="Note">What happened, in the runner's words (fault kind, syscall result), or null.</param>
public sealed record PermissionStep(int Pid, string Process, int Line, string Statement, ulong? Address, VmaPermissions? Allowed, bool Killed, string? Note);
