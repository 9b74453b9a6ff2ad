namespace VmQuest.Engine.Machine.Walk;

/// <summary>
/// Receives each step of a page walk as it happens. Implement it on a struct and pass it by reference so the
/// walker is specialised per observer and the unobserved path costs nothing.
/// </summary>
public interface IWalkObserver
{
    /// <summary>Called once per entry read, root first.</summary>
    void OnStep(in WalkStep walkStep);
}

/// <summary>An observer that ignores every step (the hot path).</summary>
public struct NoWalkObserver : IWalkObserver
{
    /// <inheritdoc />
    public readonly void OnStep(in WalkStep walkStep)
    {
    }
}

/// <summary>An observer that records every step into a list (explanations, tests, the city).</summary>
/// <param name="steps">Where steps are appended.</param>
public readonly struct ListWalkObserver(List<WalkStep> steps) : IWalkObserver
{
    /// <summary>The recorded steps.</summary>
    public List<WalkStep> Steps { get; } = steps;

    /// <inheritdoc />
    public void OnStep(in WalkStep walkStep) => Steps.Add(walkStep);
}
