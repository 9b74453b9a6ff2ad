using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;

namespace VmQuest.Cli;

/// <summary>
/// Reading what the user names on the command line: a machine (built-in name or YAML path), a text file, a
/// virtual address. Every failure is a <see cref="UserInputException"/> with a one-line message.
/// </summary>
internal static class CliInput
{
    /// <summary>Loads a built-in machine by name, or a machine file when the argument is a path.</summary>
    public static MachineDescription LoadMachine(string nameOrPath)
    {
        bool looksLikePath = nameOrPath.Contains('/', StringComparison.Ordinal) || nameOrPath.Contains('\\', StringComparison.Ordinal)
            || nameOrPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || nameOrPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        if (!looksLikePath && BuiltinMachines.Source(nameOrPath) is not null)
        {
            return BuiltinMachines.Load(nameOrPath);
        }

        if (!looksLikePath && !File.Exists(nameOrPath))
        {
            throw new UserInputException(
                $"unknown machine '{nameOrPath}'; expected a machine file (.yaml) or one of: {string.Join(", ", BuiltinMachines.Names)}");
        }

        return MachineYamlReader.Read(ReadFile(nameOrPath), nameOrPath);
    }

    /// <summary>Reads a whole text file, turning I/O errors into one-line messages.</summary>
    public static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserInputException($"{path}: cannot read file: {e.Message}");
        }
    }

    /// <summary>Parses a virtual address (0x hex, 0b binary or decimal, _ separators allowed).</summary>
    public static ulong ParseAddress(string text) =>
        NumberParser.TryParse(text, out ulong va)
            ? va
            : throw new UserInputException($"'{text}' is not a virtual address; expected hex like 0x401000 or decimal like 4198400");
}

/// <summary>A command-line argument the user got wrong; the message is one line, shown as is.</summary>
internal sealed class UserInputException : Exception
{
    public UserInputException(string message)
        : base(message)
    {
    }

    public UserInputException()
    {
    }

    public UserInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
