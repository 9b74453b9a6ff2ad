using System.Reflection;

namespace VmQuest.Engine.Machine.Loading;

/// <summary>
/// The machine descriptions shipped inside the engine (content/machines/*.yaml, embedded at build time), so the
/// engine can boot a machine without the game or the file system. Names are case-sensitive.
/// </summary>
public static class BuiltinMachines
{
    private const string Prefix = "VmQuest.Machines.";

    /// <summary>The default machine.</summary>
    public const string DefaultName = "x86-64";

    /// <summary>Names of every built-in machine, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. typeof(BuiltinMachines).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".yaml".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The YAML text of a built-in machine, or null if there is none by that name.</summary>
    public static string? Source(string name)
    {
        Assembly assembly = typeof(BuiltinMachines).Assembly;
        using Stream? stream = assembly.GetManifestResourceStream(Prefix + name + ".yaml");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads a built-in machine; throws <see cref="InputFileException"/> listing the names if unknown.</summary>
    public static Description.MachineDescription Load(string name)
    {
        string source = Source(name) ?? throw Unknown(name);
        return MachineYamlReader.Read(source, $"builtin:{name}");
    }

    /// <summary>The error for a name that is no built-in machine, with a suggestion when it is one spelt as a file.</summary>
    public static InputFileException Unknown(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string stem = Path.GetFileNameWithoutExtension(name);
        string hint = stem != name && Source(stem) is not null ? $" (a built-in machine's name, not a file: did you mean '{stem}'?)" : "";
        return new InputFileException(name, 0, $"unknown machine{hint}; expected one of: {string.Join(", ", Names)}");
    }
}
