namespace VmQuest.Engine.Machine.Ostep;

/// <summary>One virtual address the problem asks to translate, with the line it was asked on.</summary>
/// <param name="VirtualAddress">The address.</param>
/// <param name="Line">1-based line in the problem file.</param>
public readonly record struct OstepQuestion(ulong VirtualAddress, int Line);
