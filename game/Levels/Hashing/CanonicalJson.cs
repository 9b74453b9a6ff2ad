using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VmQuest.Levels.Hashing;

/// <summary>
/// Writes a JSON tree in one canonical text: RFC 8785's shape (object keys sorted by UTF-16 code units, no
/// whitespace, its string escaping) with one difference: every number is an integer, written exactly in plain
/// decimal digits (seeds go up to 2^64 − 1). Equal trees give equal bytes, whatever order they were built in.
/// </summary>
internal static class CanonicalJson
{
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                bool first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sb.Append(first ? "" : ",");
                    first = false;
                    AppendString(sb, key);
                    sb.Append(':');
                    Append(sb, value);
                }

                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",");
                    Append(sb, array[i]);
                }

                sb.Append(']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        AppendString(sb, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        sb.Append("true");
                        break;
                    case JsonValueKind.False:
                        sb.Append("false");
                        break;
                    case JsonValueKind.Number when value.TryGetValue(out long l):
                        sb.Append(l.ToString(CultureInfo.InvariantCulture));
                        break;
                    case JsonValueKind.Number when value.TryGetValue(out ulong u):
                        sb.Append(u.ToString(CultureInfo.InvariantCulture));
                        break;
                    case JsonValueKind.Number when value.TryGetValue(out int n):
                        sb.Append(n.ToString(CultureInfo.InvariantCulture));
                        break;
                    default:
                        throw new InvalidOperationException("the canonical form holds only strings, integers, booleans and null");
                }

                break;
        }
    }

    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\b' => sb.Append("\\b"),
                '\f' => sb.Append("\\f"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                < ' ' => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        sb.Append('"');
    }
}
