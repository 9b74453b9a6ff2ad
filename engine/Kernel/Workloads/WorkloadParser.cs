using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// Reads workload scripts (docs/workload-language.md). One statement per line, so a single console line is a
/// complete program. Pure: no kernel types, no global state; the same text always gives an equal AST.
/// </summary>
/// <remarks>
/// Every failure is a <see cref="WorkloadParseException"/> naming file, line and column; nothing else escapes,
/// whatever the input (property-tested with random text). Constant expressions are checked here already: a
/// literal overflow, <c>0x7fffffffffffffff + 1</c>, a negative constant <c>repeat</c> count or a zero constant
/// <c>step</c> fail at parse time rather than when the line runs. Symbols are resolved only when the program runs.
/// </remarks>
public static class WorkloadParser
{
    /// <summary>Parses a whole script.</summary>
    /// <param name="source">The text; <c>\n</c> or <c>\r\n</c> line ends; a leading byte-order mark is ignored.</param>
    /// <param name="file">The name errors should show (a path, or e.g. <c>&lt;console&gt;</c>).</param>
    /// <returns>The program; empty when the text holds only blank lines and comments.</returns>
    /// <exception cref="WorkloadParseException">The text is not a valid script.</exception>
    public static WorkloadProgram Parse(string source, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(file);
        if (source.Length > WorkloadSyntax.MaxSourceLength)
        {
            throw new WorkloadParseException(file, 0, 0, $"the script is longer than {WorkloadSyntax.MaxSourceLength} characters");
        }

        if (source.StartsWith('\uFEFF'))
        {
            source = source[1..];
        }

        var lines = SplitLines(source, file);
        var body = new WorkloadStatementParser(file, lines).ParseProgram();
        return new WorkloadProgram(file, body);
    }

    /// <summary>
    /// Reads and parses a script file; errors name <paramref name="path"/> as given. The file must be a regular file
    /// (a directory, FIFO or device is refused before it is opened) of at most <see cref="InputLimits.WorkloadFileBytes"/>,
    /// a limit enforced while reading.
    /// </summary>
    /// <exception cref="FormatParseException">The file cannot be read or is too large (no position), or is not a valid script (a <see cref="WorkloadParseException"/>).</exception>
    public static WorkloadProgram ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFile.ReadAllText(path, InputLimits.WorkloadFileBytes, "a workload script"), path);
    }

    /// <summary>
    /// True when <paramref name="text"/> is a valid beginning of a script that only lacks the <c>end</c> of an
    /// open block. The sandbox console uses it to keep reading lines after <c>repeat 3</c> until the block closes.
    /// </summary>
    public static bool IsIncomplete(string text)
    {
        try
        {
            Parse(text, "<console>");
            return false;
        }
        catch (WorkloadParseException e)
        {
            return e.IsIncompleteBlock;
        }
    }

    /// <summary>Parses one expression (e.g. an address typed into an inspector), with the same rules as in scripts.</summary>
    /// <exception cref="WorkloadParseException">The text is not exactly one valid expression.</exception>
    public static Expr ParseExpression(string text, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var lines = SplitLines(text, file);
        if (lines.Count != 1)
        {
            throw new WorkloadParseException(file, Math.Min(lines.Count, 2), 1, "an expression is one line");
        }

        var scanner = new WorkloadLineScanner(file, 1, lines[0]);
        var expr = new WorkloadExpressionParser(file, scanner).Parse("an expression");
        var rest = scanner.Next();
        return rest.Kind == WorkloadTokenKind.EndOfLine ? expr : throw scanner.Error(rest.Column, "an operator or end of line", rest.Text);
    }

    /// <summary>Splits on <c>\n</c> (dropping a <c>\r</c> before it) and rejects control characters other than tab.</summary>
    private static List<string> SplitLines(string source, string file)
    {
        var lines = new List<string>();
        int start = 0;
        while (true)
        {
            int end = source.IndexOf('\n', start);
            string line = end < 0 ? source[start..] : source[start..(end > start && source[end - 1] == '\r' ? end - 1 : end)];
            for (int i = 0; i < line.Length; i++)
            {
                if (char.IsControl(line[i]) && line[i] != '\t')
                {
                    throw new WorkloadParseException(
                        file, lines.Count + 1, i + 1, $"unexpected control character U+{(int)line[i]:X4}");
                }
            }

            lines.Add(line);
            if (end < 0)
            {
                return lines;
            }

            start = end + 1;
        }
    }
}
