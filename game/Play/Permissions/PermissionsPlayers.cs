using VmQuest.Engine.Kernel.Mm;
using VmQuest.Levels.Model;

namespace VmQuest.Play.Permissions;

/// <summary>
/// The permissions mechanic's scripted players. Linux's default grants every mapping what the program asked for.
/// The reference grants least privilege, found by watching: it first plays Linux's way and notes, for each mapping
/// each process asked for, which kinds of access that process made there before its attack line (if it has one);
/// then it plays again and grants exactly those (read whenever anything is touched, write for writes, execute for
/// instruction fetches), so every legitimate access works and nothing more is allowed.
/// </summary>
public sealed class PermissionsPlayers : IReferencePlayers
{
    /// <summary>The shared instance; it keeps no state.</summary>
    public static PermissionsPlayers Instance { get; } = new();

    /// <inheritdoc/>
    public LevelSession PlayReference(Level level, ulong seed = 0)
    {
        var needs = LeastPrivilege(level, seed);
        var session = new PermissionsSession(level, seed);
        session.Run();
        session.StartRun();
        var asked = new Dictionary<int, int>();
        PlayOut(session, request =>
        {
            var index = asked.GetValueOrDefault(request.Pid);
            asked[request.Pid] = index + 1;
            return needs.GetValueOrDefault((request.Process, index), VmaPermissions.None) & request.Requested;
        });
        return session;
    }

    /// <inheritdoc/>
    public LevelSession PlayDefault(Level level, ulong seed = 0)
    {
        var session = new PermissionsSession(level, seed);
        session.Run();
        session.StartRun();
        PlayOut(session, request => request.Requested);
        return session;
    }

    /// <summary>
    /// What each process needs in each mapping it asks for (keyed by process name and the index of its request), as
    /// watched in a run with Linux's answers, counting only the accesses before the process's attack line.
    /// </summary>
    public static IReadOnlyDictionary<(string Process, int Request), VmaPermissions> LeastPrivilege(Level level, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(level);
        var watched = new PermissionsSession(level, seed, LevelSession.DefaultHashInterval, watchOnly: true);
        watched.Run();
        watched.StartRun();
        PlayOut(watched, request => request.Requested);
        var attackLines = level.Goals.OfType<ProcessKilledGoal>().Where(g => g.Line is not null).ToDictionary(g => g.Process, g => g.Line!.Value);
        var needs = new Dictionary<(string, int), VmaPermissions>();
        foreach (var group in watched.Grants.GroupBy(g => g.Process))
        {
            var index = 0;
            foreach (var grant in group)
            {
                needs[(grant.Process, index++)] = Used(watched, grant, attackLines.GetValueOrDefault(grant.Process));
            }
        }

        return needs;
    }

    private static VmaPermissions Used(PermissionsSession watched, PermissionGrant grant, int attackLine)
    {
        var used = VmaPermissions.None;
        foreach (var step in watched.History.Where(s => s.Pid == grant.Pid))
        {
            if (attackLine != 0 && step.Line == attackLine)
            {
                break;
            }

            if (step.Address is { } va && va >= grant.Start && va < grant.End)
            {
                used |= VmaPermissions.Read | step.Statement switch
                {
                    "write" => VmaPermissions.Write,
                    "fetch" => VmaPermissions.Execute,
                    _ => VmaPermissions.None,
                };
            }
        }

        return used;
    }

    private static void PlayOut(PermissionsSession session, Func<PermissionRequest, VmaPermissions> answer)
    {
        session.Run();
        while (!session.IsFinished && session.Pending is { } request)
        {
            if (session.Grant(answer(request)) is { } why)
            {
                throw new InvalidOperationException($"level {session.Level.Id}: the scripted grant was refused: {why}");
            }

            session.Run();
        }
    }
}
