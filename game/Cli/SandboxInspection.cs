using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using VmQuest.City.Inspection;
using VmQuest.City.Simulation;
using VmQuest.Engine.Ecs.Inspection;
using VmQuest.Platform;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest sandbox --inspect WHAT [--after-ticks N] [--json]</c>: runs the sandbox scenario headless (no window, no
/// SDL) for N ticks, then prints the components of the entity WHAT names and exits. Exit 0 when found, 1 (one line on
/// the error stream) when the target names nothing in that run, 2 when WHAT is none of <see cref="InspectTarget.Forms"/>.
/// </summary>
internal static class SandboxInspection
{
    /// <summary>Parses <paramref name="words"/> (the option's words, joined) into a target, or writes the usage line.</summary>
    public static InspectTarget? Parse(IReadOnlyList<string> words, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(error);
        var text = string.Join(' ', words);
        if (InspectTarget.TryParse(text, out var target))
        {
            return target;
        }

        error.WriteLine($"vmquest: --inspect expects {InspectTarget.Forms}, got '{text}'.");
        return null;
    }

    /// <summary>Runs the scenario of <paramref name="settings"/> for <paramref name="afterTicks"/> ticks and prints <paramref name="target"/>.</summary>
    public static int Run(SandboxSettings settings, InspectTarget target, long afterTicks, bool json, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var simulation = new CitySimulation(new SandboxSession(settings));

        // The same fixed-step loop as the window and the screenshot, so tick N here is tick N there.
        var loop = new FixedStepLoop(simulation.Tick, new StopwatchClock(), SandboxCommandFactory.TickDuration, TimeSpan.FromMilliseconds(8));
        loop.RunTicks(afterTicks);
        var world = simulation.Kernel.World;
        var lookup = new EntityLocator(simulation.Kernel).Find(target);
        if (!lookup.Found)
        {
            error.WriteLine($"vmquest: {lookup.Title}: {lookup.Problem} (after {simulation.Ticks} ticks).");
            return CommandGuard.InputError;
        }

        var report = EntityInspector.Inspect(world, lookup.Entity);
        if (json)
        {
            WriteJson(output, lookup.Title, simulation.Ticks, report, lookup.Hardware);
        }
        else
        {
            foreach (var line in InspectionText.Lines(world, lookup))
            {
                output.WriteLine(line);
            }
        }

        return 0;
    }

    // {"target", "ticks", "entity": {"id", "version"}, "rawEntry" (a PTE only), "components": [{"name", "fields": [{"name", "value"}]}]};
    // values are the text the inspector shows (hex addresses as strings, as everywhere in VmQuest's JSON). The relaxed
    // encoder keeps a value's quotes and angle brackets readable; the output is never embedded in HTML.
    private static void WriteJson(TextWriter output, string title, long ticks, EntityReport report, string? hardware)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("target", title);
            json.WriteNumber("ticks", ticks);
            json.WriteStartObject("entity");
            json.WriteNumber("id", report.Entity.Id);
            json.WriteNumber("version", report.Entity.Version);
            json.WriteEndObject();
            if (hardware is not null)
            {
                json.WriteString("rawEntry", hardware);
            }

            json.WriteStartArray("components");
            foreach (var component in report.Components)
            {
                json.WriteStartObject();
                json.WriteString("name", component.Name);
                json.WriteStartArray("fields");
                foreach (var field in component.Fields)
                {
                    json.WriteStartObject();
                    json.WriteString("name", field.Name);
                    json.WriteString("value", field.Value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
