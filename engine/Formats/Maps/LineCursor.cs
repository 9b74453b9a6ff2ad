using System.Globalization;

namespace VmQuest.Engine.Formats.Maps;

/// <summary>A position in one text line with typed readers that throw <see cref="FormatParseException"/> on mismatch.</summary>
internal ref struct LineCursor
{
    private readonly string _line;
    private readonly string _file;
    private readonly long _lineNumber;
    private int _pos;

    internal LineCursor(string line, string file, long lineNumber)
    {
        _line = line;
        _file = file;
        _lineNumber = lineNumber;
        _pos = 0;
    }

    /// <summary>1-based column of the next character.</summary>
    internal readonly int Column => _pos + 1;

    internal readonly bool AtEnd => _pos >= _line.Length;

    internal readonly FormatParseException Error(string expected) =>
        new(_file, _lineNumber, Column, expected, AtEnd ? string.Empty : _line[_pos..]);

    internal void Expect(char ch, string expected)
    {
        if (AtEnd || _line[_pos] != ch)
        {
            throw Error(expected);
        }

        _pos++;
    }

    /// <summary>Reads 1–16 hex digits (no prefix); rejects values above <paramref name="maxValue"/>.</summary>
    internal ulong Hex(string expected, ulong maxValue = ulong.MaxValue)
    {
        int begin = _pos;
        while (!AtEnd && char.IsAsciiHexDigit(_line[_pos]))
        {
            _pos++;
        }

        int digits = _pos - begin;
        if (digits == 0)
        {
            throw Error(expected);
        }

        if (digits > 16 || !ulong.TryParse(_line.AsSpan(begin, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value) || value > maxValue)
        {
            _pos = begin;
            throw Error(expected + " that fits in " + (maxValue == ulong.MaxValue ? "64" : "32") + " bits");
        }

        return value;
    }

    internal ulong Decimal(string expected)
    {
        int begin = _pos;
        while (!AtEnd && char.IsAsciiDigit(_line[_pos]))
        {
            _pos++;
        }

        if (_pos == begin || !ulong.TryParse(_line.AsSpan(begin, _pos - begin), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
        {
            _pos = begin;
            throw Error(expected);
        }

        return value;
    }

    /// <summary>Reads the 4-character <c>rwxp</c> column.</summary>
    internal MapsPermissions Permissions()
    {
        const string What = "permissions like \"r-xp\" ([r-][w-][x-][ps])";
        if (_line.Length - _pos < 4)
        {
            throw Error(What);
        }

        var p = MapsPermissions.None;
        p |= Flag('r', MapsPermissions.Read, What);
        p |= Flag('w', MapsPermissions.Write, What);
        p |= Flag('x', MapsPermissions.Execute, What);
        char sp = _line[_pos];
        if (sp == 's')
        {
            p |= MapsPermissions.Shared;
        }
        else if (sp != 'p')
        {
            throw Error(What);
        }

        _pos++;
        return p;
    }

    private MapsPermissions Flag(char letter, MapsPermissions flag, string what)
    {
        char ch = _line[_pos];
        if (ch != letter && ch != '-')
        {
            throw Error(what);
        }

        _pos++;
        return ch == letter ? flag : MapsPermissions.None;
    }

    /// <summary>Skips the padding spaces and returns the rest of the line (the path), or empty.</summary>
    internal string Rest()
    {
        while (!AtEnd && _line[_pos] == ' ')
        {
            _pos++;
        }

        return AtEnd ? string.Empty : _line[_pos..];
    }
}
