namespace VmQuest.Engine.Machine;

/// <summary>
/// A machine image whose mappings cannot be built (a huge page already covers a needed table, physical memory
/// runs out of frames for tables). <see cref="MappingIndex"/> says which mapping, so a loader can name its line.
/// </summary>
public sealed class MachineBootException : Exception
{
    /// <summary>Creates the exception for mapping <paramref name="mappingIndex"/>.</summary>
    public MachineBootException(int mappingIndex, string reason, Exception innerException)
        : base($"mapping {mappingIndex + 1}: {reason}", innerException)
    {
        MappingIndex = mappingIndex;
        Reason = reason;
    }

    /// <summary>Creates the exception without detail.</summary>
    public MachineBootException()
        : base("the machine image cannot be booted")
    {
        Reason = Message;
    }

    /// <summary>Creates the exception with a message.</summary>
    public MachineBootException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public MachineBootException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>0-based index of the failing mapping in <see cref="Description.MachineImage.Mappings"/>.</summary>
    public int MappingIndex { get; }

    /// <summary>What went wrong.</summary>
    public string Reason { get; }
}
