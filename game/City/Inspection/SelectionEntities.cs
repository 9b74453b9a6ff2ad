using VmQuest.City.Physical;

namespace VmQuest.City.Inspection;

/// <summary>
/// The entities behind what the player selected in the city, most specific first: a lot is its frame, the PTE that
/// maps it in its owner and the owner's process; a street page is its VMA, its PTE and the process; a city-hall row
/// is the process. Each is looked up through <see cref="EntityLocator"/>, so the kinds the kernel does not model as
/// entities yet say so in one line.
/// </summary>
public sealed class SelectionEntities(LotClassifier classifier)
{
    private readonly LotClassifier _classifier = classifier;
    private readonly EntityLocator _locator = new(classifier.Kernel);

    /// <summary>The targets for a selection (frame or −1, pid or 0, street page or null).</summary>
    public IReadOnlyList<InspectTarget> TargetsOf(long frame, int pid, ulong? va)
    {
        var targets = new List<InspectTarget>();
        if (frame >= 0)
        {
            targets.Add(new InspectTarget(InspectKind.Frame, frame));
            var lot = _classifier.Inspect(frame, searchSharers: false);
            if (lot.Owner > 0 && lot.Entry != 0)
            {
                targets.Add(new InspectTarget(InspectKind.Pte, lot.Owner, lot.VirtualAddress));
            }

            if (lot.Owner > 0 && _classifier.Kernel.Exists(lot.Owner))
            {
                targets.Add(new InspectTarget(InspectKind.Process, lot.Owner));
            }

            return targets;
        }

        if (pid != 0 && va is { } address)
        {
            targets.Add(new InspectTarget(InspectKind.Vma, pid, address));
            targets.Add(new InspectTarget(InspectKind.Pte, pid, address));
        }

        if (pid != 0)
        {
            targets.Add(new InspectTarget(InspectKind.Process, pid));
        }

        return targets;
    }

    /// <summary>The entity list for a selection: each target's entity and components, or why it has none.</summary>
    public IReadOnlyList<InspectorLine> LinesOf(long frame, int pid, ulong? va)
    {
        var lines = new List<InspectorLine>();
        foreach (var target in TargetsOf(frame, pid, va))
        {
            var lookup = _locator.Find(target);
            var text = InspectionText.Lines(_locator.World, lookup);
            for (var i = 0; i < text.Count; i++)
            {
                lines.Add(new InspectorLine(text[i], KindOf(lookup, i, text[i])));
            }
        }

        return lines;
    }

    private static InspectorLineKind KindOf(EntityLookup lookup, int index, string text) =>
        !lookup.Found ? InspectorLineKind.Problem
        : index == 0 ? InspectorLineKind.Entity
        : text.StartsWith("  ", StringComparison.Ordinal) ? InspectorLineKind.Field
        : InspectorLineKind.Component;
}
