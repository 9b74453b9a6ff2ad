using VmQuest.Levels.Model;

namespace VmQuest.Play.ElfLayout;

/// <summary>
/// The ELF-layout mechanic's scripted players. The reference sets every field to what execve maps, once, and runs:
/// the fewest actions there are (<see cref="ElfLayoutSession.MinActions"/>) with no mistake. The textbook default
/// copies <c>readelf -l</c>: each mapping at <c>p_vaddr</c> to <c>p_vaddr + p_memsz</c> with its flags, read from
/// <c>p_offset</c>, as if memory were mapped byte by byte; where a value is refused it takes the right one, so it wins
/// with a mistake for every rounding it missed.
/// </summary>
public sealed class ElfLayoutPlayers : IReferencePlayers
{
    /// <summary>The shared instance; it keeps no state.</summary>
    public static ElfLayoutPlayers Instance { get; } = new();

    /// <inheritdoc/>
    public LevelSession PlayReference(Level level, ulong seed = 0)
    {
        var session = new ElfLayoutSession(level, seed);
        session.Run();
        for (var row = 0; row < session.MappingCount; row++)
        {
            foreach (var field in Enum.GetValues<LayoutField>())
            {
                Expect(session, session.Place(row, field, session.CorrectValue(row, field)));
            }
        }

        Expect(session, session.Launch());
        session.Run();
        return session;
    }

    /// <inheritdoc/>
    public LevelSession PlayDefault(Level level, ulong seed = 0)
    {
        var session = new ElfLayoutSession(level, seed);
        session.Run();
        for (var row = 0; row < session.MappingCount; row++)
        {
            var h = session.Elf.ProgramHeaders[session.SegmentOf(row)];
            var start = session.LoadBias + h.VirtualAddress;
            string[] naive =
            [
                LayoutValues.Hex(start),
                LayoutValues.Hex(start + h.MemorySize),
                Permissions.PermissionText.Format(ElfLayoutRules.ToVma(h.Flags)),
                LayoutValues.File(h.Offset),
            ];
            foreach (var field in Enum.GetValues<LayoutField>())
            {
                if (session.Place(row, field, naive[(int)field]) is not null)
                {
                    Expect(session, session.Place(row, field, session.CorrectValue(row, field)));
                }
            }
        }

        // A legal but wrong layout is refused at run, naming the first wrong field: fix that one and try again.
        while (session.Launch() is not null)
        {
            var (row, field) = FirstWrong(session);
            Expect(session, session.Place(row, field, session.CorrectValue(row, field)));
        }

        session.Run();
        return session;
    }

    private static (int Row, LayoutField Field) FirstWrong(ElfLayoutSession session)
    {
        for (var row = 0; row < session.MappingCount; row++)
        {
            foreach (var field in Enum.GetValues<LayoutField>())
            {
                var placed = session.Rows[row];
                var current = field switch
                {
                    LayoutField.Start => placed.Start is { } s ? LayoutValues.Hex(s) : null,
                    LayoutField.End => placed.End is { } e ? LayoutValues.Hex(e) : null,
                    LayoutField.Perms => placed.Perms is { } p ? Permissions.PermissionText.Format(p) : null,
                    _ => placed.SourceText,
                };
                if (current != session.CorrectValue(row, field))
                {
                    return (row, field);
                }
            }
        }

        throw new InvalidOperationException($"level {session.Level.Id}: run was refused, yet every field equals execve's");
    }

    private static void Expect(ElfLayoutSession session, string? why)
    {
        if (why is not null)
        {
            throw new InvalidOperationException($"level {session.Level.Id}: the scripted move was refused: {why}");
        }
    }
}
