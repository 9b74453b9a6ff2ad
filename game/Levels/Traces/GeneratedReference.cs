namespace VmQuest.Levels.Traces;

/// <summary>One reference of a generated trace: page <paramref name="Page"/> of the trace's mapping (like a reference string's page numbers).</summary>
/// <param name="Page">0 to pages−1.</param>
/// <param name="IsWrite">Whether it writes (dirties) the page.</param>
public readonly record struct GeneratedReference(int Page, bool IsWrite);
