using System.Text;
using System.Text.Json;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Cli.WalkWords;

namespace VmQuest.Cli;

/// <summary>
/// The <c>--json</c> form of <c>vmquest translate</c>: <c>{"machine", "cr3", "addresses": [{"va", "tlb", "steps":
/// [{"level", "name", "index", "entryAddress", "entry", "valid", "leaf", "frame", "bits"}], "result", "errorCode",
/// "pa", "value", "cycles"}]}</c>. Addresses, entries and frames are hex strings (64-bit values do not fit JSON's
/// safe integers); <c>pa</c> and <c>value</c> appear only when <c>result</c> is <c>ok</c>, <c>errorCode</c> only on a fault.
/// </summary>
internal static class TranslateJson
{
    public static void Write(TextWriter output, MachineState state, IReadOnlyList<TranslationReport> reports)
    {
        var machine = state.Description;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("machine", machine.Name);
            json.WriteString("cr3", Hex(state.Mmu.Cr3));
            json.WriteStartArray("addresses");
            foreach (var r in reports)
            {
                var t = r.Translation;
                json.WriteStartObject();
                json.WriteString("va", Hex(t.VirtualAddress));
                json.WriteString("tlb", t.TlbHit ? "hit" : "miss");
                json.WriteStartArray("steps");
                foreach (var s in r.Steps)
                {
                    json.WriteStartObject();
                    json.WriteNumber("level", s.Level);
                    json.WriteString("name", machine.Levels[s.Level].Name);
                    json.WriteNumber("index", s.Index);
                    json.WriteString("entryAddress", Hex(s.EntryAddress));
                    json.WriteString("entry", Hex(s.Entry));
                    json.WriteBoolean("valid", s.Valid);
                    json.WriteBoolean("leaf", s.IsLeaf);
                    json.WriteString("frame", Hex(s.Frame));
                    json.WriteStartArray("bits");
                    foreach (string bit in SetBits(machine.Pte, s.Entry, s.Level == machine.Levels.Count - 1))
                    {
                        json.WriteStringValue(bit);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteString("result", ResultName(t.Fault));
                if (t.IsOk)
                {
                    json.WriteString("pa", Hex(t.PhysicalAddress));
                    json.WriteNumber("value", r.Value ?? 0);
                }
                else
                {
                    json.WriteString("errorCode", Hex((ulong)t.ErrorCode));
                    json.WriteString("reason", Reason(t.Fault, machine, t.Level));
                }

                json.WriteNumber("cycles", r.Cycles);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
