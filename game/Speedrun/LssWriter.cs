using System.Globalization;
using System.Xml;
using VmQuest.Engine.Formats.Output;

namespace VmQuest.Speedrun;

/// <summary>
/// Writes a <see cref="SplitsRun"/> as a LiveSplit splits file (<c>.lss</c>, the XML LiveSplit 1.7+ saves and
/// opens): Run › GameName, CategoryName, AttemptCount, AttemptHistory, Segments › Segment › Name, SplitTimes ›
/// SplitTime name="Personal Best", BestSegmentTime, SegmentHistory; each time as RealTime and GameTime.
/// </summary>
/// <remarks>Times are written as .NET's constant TimeSpan format (<c>00:01:02.3456789</c>), which LiveSplit reads
/// and writes; dates as LiveSplit writes them (<c>MM/dd/yyyy HH:mm:ss</c>, UTC). The file is written atomically.</remarks>
public static class LssWriter
{
    /// <summary>Writes <paramref name="run"/> to <paramref name="path"/>.</summary>
    /// <exception cref="OutputFileException">The file may not or could not be written.</exception>
    public static void Write(SplitsRun run, string path)
    {
        ArgumentNullException.ThrowIfNull(run);
        AtomicFile.Write(path, stream => Write(run, stream));
    }

    /// <summary>Writes <paramref name="run"/> to <paramref name="stream"/> as UTF-8 XML.</summary>
    public static void Write(SplitsRun run, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("Run");
        xml.WriteAttributeString("version", "1.7.0");
        xml.WriteElementString("GameIcon", string.Empty);
        xml.WriteElementString("GameName", run.GameName);
        xml.WriteElementString("CategoryName", run.CategoryName);
        xml.WriteElementString("LayoutPath", string.Empty);
        WriteMetadata(xml);
        xml.WriteElementString("Offset", "00:00:00");
        xml.WriteElementString("AttemptCount", run.Attempts.Count.ToString(CultureInfo.InvariantCulture));
        WriteAttempts(xml, run.Attempts);
        xml.WriteStartElement("Segments");
        foreach (var segment in run.Segments)
        {
            WriteSegment(xml, segment);
        }

        xml.WriteEndElement();
        xml.WriteElementString("AutoSplitterSettings", string.Empty);
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteMetadata(XmlWriter xml)
    {
        xml.WriteStartElement("Metadata");
        xml.WriteStartElement("Run");
        xml.WriteAttributeString("id", string.Empty);
        xml.WriteEndElement();
        xml.WriteStartElement("Platform");
        xml.WriteAttributeString("usesEmulator", "False");
        xml.WriteEndElement();
        xml.WriteElementString("Region", string.Empty);
        xml.WriteElementString("Variables", string.Empty);
        xml.WriteEndElement();
    }

    private static void WriteAttempts(XmlWriter xml, IReadOnlyList<RunAttempt> attempts)
    {
        xml.WriteStartElement("AttemptHistory");
        foreach (var attempt in attempts)
        {
            xml.WriteStartElement("Attempt");
            xml.WriteAttributeString("id", attempt.Id.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("started", Date(attempt.StartedUtc));
            xml.WriteAttributeString("isStartedSynced", "True");
            if (attempt.EndedUtc is { } ended)
            {
                xml.WriteAttributeString("ended", Date(ended));
                xml.WriteAttributeString("isEndedSynced", "True");
            }

            if (attempt.Final is { } final)
            {
                WriteTimes(xml, final);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteSegment(XmlWriter xml, RunSegment segment)
    {
        xml.WriteStartElement("Segment");
        xml.WriteElementString("Name", segment.Name);
        xml.WriteElementString("Icon", string.Empty);
        xml.WriteStartElement("SplitTimes");
        xml.WriteStartElement("SplitTime");
        xml.WriteAttributeString("name", "Personal Best");
        if (segment.PersonalBestSplit is { } best)
        {
            WriteTimes(xml, best);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("BestSegmentTime");
        if (segment.BestSegment is { } gold)
        {
            WriteTimes(xml, gold);
        }

        xml.WriteEndElement();
        xml.WriteStartElement("SegmentHistory");
        foreach (var time in segment.History)
        {
            xml.WriteStartElement("Time");
            xml.WriteAttributeString("id", time.AttemptId.ToString(CultureInfo.InvariantCulture));
            WriteTimes(xml, time.Time);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteTimes(XmlWriter xml, TimePair times)
    {
        if (times.RealTime is { } real)
        {
            xml.WriteElementString("RealTime", Time(real));
        }

        if (times.GameTime is { } game)
        {
            xml.WriteElementString("GameTime", Time(game));
        }
    }

    /// <summary>LiveSplit's time text: the constant TimeSpan format, seven fractional digits.</summary>
    internal static string Time(TimeSpan time) => time.ToString(
        time.Days > 0 ? @"d\.hh\:mm\:ss\.fffffff" : @"hh\:mm\:ss\.fffffff", CultureInfo.InvariantCulture);

    private static string Date(DateTime utc) => utc.ToString("MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
}
