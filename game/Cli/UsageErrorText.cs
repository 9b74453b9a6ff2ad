using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VmQuest.Cli;

/// <summary>
/// Turns what the command-line parser found wrong into one line a person can act on: no .NET type names
/// (System.CommandLine says "as expected type 'System.Nullable`1[System.Int32]'"), and a word that looks like
/// an option but is none is called an unknown option instead of being taken for a file name.
/// </summary>
internal static partial class UsageErrorText
{
    /// <summary>
    /// Of several parse errors, the one to show: a word the parser did not recognise says more than the
    /// "required command was not provided" that usually comes with it.
    /// </summary>
    public static ParseError MostSpecific(IReadOnlyList<ParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? errors[0];
    }

    /// <summary>One line for one parse error.</summary>
    public static string Describe(ParseError problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var match = CannotParse().Match(problem.Message);
        if (match.Success)
        {
            var valueType = problem.SymbolResult switch
            {
                OptionResult option => option.Option.ValueType,
                ArgumentResult argument => argument.Argument.ValueType,
                _ => null,
            };
            return $"'{match.Groups["value"].Value}' is not a valid value for {match.Groups["name"].Value}: expected {Expected(valueType)}";
        }

        // Some parser messages list choices on lines of their own; the user gets one line.
        return string.Join(' ', problem.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>
    /// The first argument token that is spelled like an option (<c>--bogus</c>, <c>-x</c>) and is neither an
    /// existing file nor a number, or <c>null</c>. The parser hands such words to a FILE argument, which would
    /// then report "no such file" for what was a typo in an option name.
    /// </summary>
    public static string? UnknownOption(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        foreach (var token in parsed.Tokens)
        {
            var word = token.Value;
            if (token.Type == TokenType.DoubleDash)
            {
                return null; // after "--" every word is an argument, as the user said (a program's "-la")
            }

            if (token.Type == TokenType.Argument && word.Length > 1 && word[0] == '-'
                && !LooksLikeNumber(word) && !File.Exists(word) && !Directory.Exists(word))
            {
                return word;
            }
        }

        return null;
    }

    /// <summary>What a value of <paramref name="type"/> must look like, in words.</summary>
    internal static string Expected(Type? type)
    {
        var plain = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return plain switch
        {
            null => "a valid value",
            _ when plain == typeof(int) || plain == typeof(long) => "a whole number",
            _ when plain == typeof(uint) || plain == typeof(ulong) => "a whole number, 0 or more",
            _ when plain == typeof(float) || plain == typeof(double) => "a number such as 2 or 0.5",
            _ when plain == typeof(bool) => "true or false",
            _ when plain == typeof(FileInfo) => "a file path",
            _ => "a valid value",
        };
    }

    private static bool LooksLikeNumber(string word) =>
        double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || (word.StartsWith("-0x", StringComparison.OrdinalIgnoreCase) && word.Length > 3);

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for (?:option|command|argument) '(?<name>[^']*)' as expected type '[^']*'\\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
