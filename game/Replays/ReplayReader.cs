using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Replays;

/// <summary>
/// Reads a replay file (<see cref="ReplayFormat"/>) with its limits enforced while reading. Anything wrong is one
/// <see cref="ReplayReadException"/> naming the file, line and column and what was expected, and telling a file
/// cut short (<see cref="ReplayProblem.Truncated"/>) from a broken one.
/// </summary>
public static class ReplayReader
{
    private static readonly string[] HeaderOrder = ["rules", "level", "seed", "hash-interval"];

    /// <summary>Reads the replay at <paramref name="path"/>.</summary>
    /// <exception cref="ReplayReadException">The file is not a complete, well-formed replay.</exception>
    /// <exception cref="FormatParseException">The path is not a readable regular file.</exception>
    public static ReplayFile Read(string path)
    {
        using var lines = BoundedLineReader.Open(path, Limits);
        return Read(lines);
    }

    /// <summary>Reads a replay from <paramref name="text"/>, named <paramref name="name"/> in messages.</summary>
    /// <exception cref="ReplayReadException">The text is not a complete, well-formed replay.</exception>
    public static ReplayFile Parse(string text, string name)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        using var lines = new BoundedLineReader(stream, name, Limits);
        return Read(lines);
    }

    /// <summary>True for a state hash: 16 to 64 lower-case hex digits.</summary>
    public static bool IsHash(string text) =>
        text.Length is >= 16 and <= 64 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static LineLimits Limits => new("a replay", ReplayFormat.MaxLineBytes, MaxTotalBytes: ReplayFormat.MaxFileBytes);

    private static ReplayFile Read(BoundedLineReader lines)
    {
        try
        {
            return new Parser(lines).Parse();
        }
        catch (FormatParseException e) when (e is not ReplayReadException)
        {
            throw new ReplayReadException(e);
        }
    }

    /// <summary>The state of one read: which records have been seen, in a fixed order.</summary>
    private sealed class Parser(BoundedLineReader lines)
    {
        private readonly List<ClaimedMetric> _claims = [];
        private readonly List<ReplayAction> _actions = [];
        private readonly List<StateCheckpoint> _checkpoints = [];
        private string _file = lines.FileName;
        private int _formatVersion;
        private int _rules;
        private string _levelId = string.Empty;
        private int _levelVersion;
        private string _levelHash = string.Empty;
        private ulong _seed;
        private int _interval;
        private int _header;            // how many of HeaderOrder have been read
        private bool _ended;

        public ReplayFile Parse()
        {
            _file = lines.FileName;
            while (lines.ReadLine() is { } text)
            {
                var words = Words.Split(text);
                if (words.Count == 0 || words[0].Text.StartsWith('#'))
                {
                    continue;
                }

                if (_ended)
                {
                    throw Malformed(words[0], "nothing but comments after the 'end' line");
                }

                Record(words);
            }

            if (_formatVersion == 0)
            {
                throw new ReplayReadException(ReplayProblem.Malformed, _file, 0, 0, $"empty; expected a VmQuest replay ('{ReplayFormat.Magic} {ReplayFormat.Version}' on its first line)");
            }

            if (!_ended)
            {
                throw new ReplayReadException(ReplayProblem.Truncated, _file, lines.LineNumber, 0,
                    "truncated: the file ends without its 'end' line (it was cut short)");
            }

            return new ReplayFile(_formatVersion, _rules, _levelId, _levelVersion, _levelHash, _seed, _interval, _claims, _actions, _checkpoints);
        }

        private void Record(List<Word> words)
        {
            var name = words[0];
            if (_formatVersion == 0)
            {
                Magic(words);
                return;
            }

            if (_header < HeaderOrder.Length)
            {
                if (name.Text != HeaderOrder[_header])
                {
                    throw Malformed(name, $"expected the '{HeaderOrder[_header]}' line, found '{name.Text}'");
                }

                Header(words);
                _header++;
                return;
            }

            switch (name.Text)
            {
                case "claim":
                    Claim(words);
                    break;
                case "action":
                    Action(words);
                    break;
                case "state":
                    Checkpoint(words);
                    break;
                case "end":
                    End(words);
                    break;
                default:
                    throw Malformed(name, $"expected 'claim', 'action', 'state' or 'end', found '{name.Text}'");
            }
        }

        private void Magic(List<Word> words)
        {
            if (words[0].Text != ReplayFormat.Magic || words.Count != 2 || !int.TryParse(words[1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            {
                throw Malformed(words[0], $"not a VmQuest replay: expected '{ReplayFormat.Magic} {ReplayFormat.Version}' on the first line");
            }

            if (version > ReplayFormat.Version)
            {
                throw new ReplayReadException(ReplayProblem.NewerFormat, _file, lines.LineNumber, words[1].Column,
                    $"made by a newer VmQuest (replay format {version}; this build reads format {ReplayFormat.Version})");
            }

            _formatVersion = version;
        }

        private void Header(List<Word> words)
        {
            switch (words[0].Text)
            {
                case "rules":
                    Count(words, 2, "rules VERSION");
                    _rules = Int(words[1], "a rules version (a whole number from 1)", 1);
                    break;
                case "level":
                    Count(words, 4, "level ID VERSION sha256:HASH");
                    _levelId = words[1].Text;
                    _levelVersion = Int(words[2], "a level version (a whole number from 1)", 1);
                    _levelHash = words[3].Text;
                    if (!_levelHash.StartsWith("sha256:", StringComparison.Ordinal) || _levelHash.Length != 7 + 64 || !IsHash(_levelHash[7..]))
                    {
                        throw Malformed(words[3], "expected the level hash as 'sha256:' and 64 lower-case hex digits");
                    }

                    break;
                case "seed":
                    Count(words, 2, "seed NUMBER");
                    if (!ulong.TryParse(words[1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out _seed))
                    {
                        throw Malformed(words[1], "expected a seed from 0 to 18446744073709551615");
                    }

                    break;
                default:
                    Count(words, 2, "hash-interval TICKS");
                    _interval = Int(words[1], "a hash interval (ticks, a whole number from 1)", 1);
                    break;
            }
        }

        private void Claim(List<Word> words)
        {
            if (_actions.Count > 0 || _checkpoints.Count > 0)
            {
                throw Malformed(words[0], "claims come before the first action and state line");
            }

            Count(words, 3, "claim METRIC VALUE");
            if (_claims.Count == ReplayFormat.MaxClaims)
            {
                throw Malformed(words[0], $"at most {ReplayFormat.MaxClaims} claimed metrics");
            }

            if (_claims.Any(c => c.Name == words[1].Text))
            {
                throw Malformed(words[1], $"the metric '{words[1].Text}' is claimed twice");
            }

            if (!long.TryParse(words[2].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw Malformed(words[2], "expected the claimed value, a whole number from 0");
            }

            _claims.Add(new ClaimedMetric(words[1].Text, value));
        }

        private void Action(List<Word> words)
        {
            if (words.Count < 3)
            {
                throw Malformed(words[0], "expected 'action TICK KIND [KEY=VALUE…]'");
            }

            if (_actions.Count == ReplayFormat.MaxActions)
            {
                throw Malformed(words[0], $"more than {ReplayFormat.MaxActions} actions, the limit for a replay");
            }

            long tick = Tick(words[1]);
            if (_actions.Count > 0 && tick < _actions[^1].Tick)
            {
                throw Malformed(words[1], $"actions must be in tick order: tick {tick} comes after tick {_actions[^1].Tick}");
            }

            if (words.Count - 3 > ReplayFormat.MaxArguments)
            {
                throw Malformed(words[0], $"at most {ReplayFormat.MaxArguments} arguments to an action");
            }

            var arguments = new List<KeyValuePair<string, string>>(words.Count - 3);
            for (int i = 3; i < words.Count; i++)
            {
                int equals = words[i].Text.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || equals == words[i].Text.Length - 1)
                {
                    throw Malformed(words[i], "expected an argument as KEY=VALUE");
                }

                arguments.Add(new(words[i].Text[..equals], words[i].Text[(equals + 1)..]));
            }

            _actions.Add(new ReplayAction(tick, words[2].Text, arguments));
        }

        private void Checkpoint(List<Word> words)
        {
            Count(words, 3, "state TICK HASH");
            long tick = Tick(words[1]);
            if (tick == 0 || tick % _interval != 0 || (_checkpoints.Count > 0 && tick <= _checkpoints[^1].Tick))
            {
                throw Malformed(words[1], $"expected the next state checkpoint at a multiple of the hash interval {_interval}, after tick {(_checkpoints.Count > 0 ? _checkpoints[^1].Tick : 0)}");
            }

            if (!IsHash(words[2].Text))
            {
                throw Malformed(words[2], "expected a state hash of 16 to 64 lower-case hex digits");
            }

            _checkpoints.Add(new StateCheckpoint(tick, words[2].Text));
        }

        private void End(List<Word> words)
        {
            Count(words, 3, "end ACTIONS STATES");
            long actions = Int(words[1], "the number of actions", 0);
            long states = Int(words[2], "the number of state lines", 0);
            if (actions != _actions.Count || states != _checkpoints.Count)
            {
                throw new ReplayReadException(ReplayProblem.Truncated, _file, lines.LineNumber, words[1].Column,
                    $"truncated: the 'end' line counts {actions} actions and {states} state lines, the file holds {_actions.Count} and {_checkpoints.Count}");
            }

            _ended = true;
        }

        private long Tick(Word word) =>
            long.TryParse(word.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var tick)
                ? tick
                : throw Malformed(word, "expected a tick, a whole number from 0");

        private int Int(Word word, string what, int least) =>
            int.TryParse(word.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= least
                ? value
                : throw Malformed(word, "expected " + what);

        private void Count(List<Word> words, int count, string shape)
        {
            if (words.Count != count)
            {
                var at = words.Count > count ? words[count] : words[^1];
                throw Malformed(at, $"expected '{shape}'");
            }
        }

        private ReplayReadException Malformed(Word at, string what) =>
            new(ReplayProblem.Malformed, _file, lines.LineNumber, at.Column, what);
    }
}
