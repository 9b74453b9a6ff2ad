namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>A parsed workload script: the file it came from and its top-level statements, in order.</summary>
/// <param name="File">The name used in error messages (a path, or a label such as <c>&lt;console&gt;</c>).</param>
/// <param name="Body">The top-level statements.</param>
public sealed record WorkloadProgram(string File, NodeList<Statement> Body);
