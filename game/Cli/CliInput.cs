using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;

namespace VmQuest.Cli;

/// <summary>
/// Reading what the user names on the command line: a machine (built-in name or YAML path), a text file, a
/// virtual address. Files are opened through <see cref="InputFile"/> (regular files only, size-limited while
/// reading); every failure is a one-line <see cref="UserInputException"/> or <c>FormatParseException</c>.
/// </summary>
internal static class CliInput
{
    /// <summary>
    /// Loads a built-in machine by name, or a machine file when the argument is a path (it contains a <c>/</c>, ends
    /// in <c>.yaml</c> or <c>.yml</c>, or names an existing file).
    /// </summary>
    public static MachineDescription LoadMachine(string nameOrPath)
    {
        bool looksLikePath = nameOrPath.Contains('/', StringComparison.Ordinal) || nameOrPath.Contains('\\', StringComparison.Ordinal)
            || nameOrPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || nameOrPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        if (!looksLikePath && BuiltinMachines.Source(nameOrPath) is not null)
        {
            return BuiltinMachines.Load(nameOrPath);
        }

        var kind = InputFile.Probe(nameOrPath);
        if (kind == InputFileKind.Missing)
        {
            throw looksLikePath
                ? new UserInputException($"{nameOrPath}: no such file (expected a machine file, or a built-in machine: {string.Join(", ", BuiltinMachines.Names)})")
                : BuiltinMachines.Unknown(nameOrPath);
        }

        return MachineYamlReader.ReadFile(nameOrPath);
    }

    /// <summary>Reads a whole text file of at most <paramref name="maxBytes"/> (see <see cref="InputLimits"/>).</summary>
    /// <param name="path">The file, as the user named it.</param>
    /// <param name="maxBytes">The size limit, enforced while reading.</param>
    /// <param name="what">What the file is, for the limit's message: <c>"an OSTEP problem"</c>.</param>
    public static string ReadFile(string path, int maxBytes, string what) => InputFile.ReadAllText(path, maxBytes, what);

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
