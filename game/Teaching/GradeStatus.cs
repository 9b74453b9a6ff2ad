namespace VmQuest.Teaching;

/// <summary>What grading found for one student (the <c>status</c> column of <c>results.csv</c>).</summary>
public enum GradeStatus
{
    /// <summary>The replay verifies against the student's own variant (its metrics and pars are in the row).</summary>
    Passed,

    /// <summary>The replay does not verify against the student's variant, or cannot be read (the reason says why).</summary>
    Failed,

    /// <summary>No replay file for the student.</summary>
    Missing,

    /// <summary>The replay was made for another student's variant (or the original level), not this student's.</summary>
    WrongVariant,
}
