using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace VmQuest.Play.Policy;

/// <summary>
/// How a policy's text travels in a replay's action: its UTF-8 bytes in base64url (RFC 4648 §5, no padding), cut
/// into chunks of <see cref="ChunkLength"/> characters, each one argument <c>text=CHUNK</c> in order — so the whole
/// text (lines, spaces, comments) is carried in single words that fit a replay line even when the action is
/// recorded as a mistake. An empty text is carried as one line end, which means the same.
/// </summary>
public static class PolicyText
{
    /// <summary>Characters of base64url per argument (a multiple of 4; a replay word has at most 256).</summary>
    public const int ChunkLength = 240;

    /// <summary>Most arguments a policy takes (a mistake adds <c>was=…</c>, and an action has at most 16).</summary>
    public const int MaxChunks = 15;

    /// <summary>Most UTF-8 bytes a policy's text may have: what <see cref="MaxChunks"/> chunks carry.</summary>
    public const int MaxBytes = MaxChunks * ChunkLength / 4 * 3;

    /// <summary>The key of every argument.</summary>
    public const string Key = "text";

    /// <summary>The action arguments that carry <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">The text has more than <see cref="MaxBytes"/> UTF-8 bytes.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text.Length == 0 ? "\n" : text);
        if (bytes.Length > MaxBytes)
        {
            throw new ArgumentException(TooLong(bytes.Length), nameof(text));
        }

        var word = Base64Url.EncodeToString(bytes);
        var chunks = new List<KeyValuePair<string, string>>();
        for (int at = 0; at < word.Length; at += ChunkLength)
        {
            chunks.Add(new(Key, word.Substring(at, Math.Min(ChunkLength, word.Length - at))));
        }

        return chunks;
    }

    /// <summary>Why <paramref name="text"/> cannot be carried (too long), or null when it can.</summary>
    public static string? WhyNotCarried(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Encoding.UTF8.GetByteCount(text);
        return length > MaxBytes ? TooLong(length) : null;
    }

    /// <summary>The text the arguments carry; null with <paramref name="why"/> when they do not carry one.</summary>
    public static string? TryDecode(IReadOnlyList<KeyValuePair<string, string>> arguments, out string? why)
    {
        var text = TryDecodeInBoth(arguments, out var refusal);
        why = refusal?.En;
        return text;
    }

    /// <summary><see cref="TryDecode(IReadOnlyList{KeyValuePair{string, string}}, out string?)"/> with the reason in both languages.</summary>
    internal static string? TryDecodeInBoth(IReadOnlyList<KeyValuePair<string, string>> arguments, out Refusal? why)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        why = null;
        if (arguments.Count is 0 or > MaxChunks || arguments.Any(a => a.Key != Key))
        {
            why = new(
                string.Create(CultureInfo.InvariantCulture,
                    $"a policy action carries the policy's text as text=BASE64URL arguments (1 to {MaxChunks}, in order), and nothing else"),
                string.Create(CultureInfo.InvariantCulture,
                    $"policy 操作只能以 text=BASE64URL 参数（1 到 {MaxChunks} 个，按顺序）携带策略的文本，不能有别的参数"));
            return null;
        }

        var word = string.Concat(arguments.Select(a => a.Value));
        if (word.Length == 0 || !Base64Url.IsValid(word))
        {
            why = new(
                "the policy's text is carried as base64url (letters, digits, '-' and '_', no padding), and this is not",
                "策略的文本以 base64url 携带（字母、数字、'-' 和 '_'，不带填充），而这段不是");
            return null;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(word));
        }
        catch (DecoderFallbackException)
        {
            why = new("the policy's text decodes to bytes that are not UTF-8 text", "策略的文本解码后的字节不是 UTF-8 文本");
            return null;
        }
    }

    private static string TooLong(int bytes) => string.Create(CultureInfo.InvariantCulture,
        $"a policy has at most {MaxBytes} bytes of text (what one replay line carries); this one has {bytes}");
}
