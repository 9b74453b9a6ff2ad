using VmQuest.Levels.Catalog;
using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;

namespace VmQuest.Tests.Game.Play.Scheduling;

/// <summary>The shipped schedule levels, and small levels written here for the rules the shipped ones do not reach.</summary>
internal static class ScheduleLevels
{
    public static Level Flush() => LevelResolver.Resolve(Path.Combine(ShippedLevels.Directory, "schedule", "flush.yaml"));

    public static Level Pcid() => LevelResolver.Resolve(Path.Combine(ShippedLevels.Directory, "schedule", "pcid.yaml"));

    /// <summary>A level from its processes and the fields after them (player, goals, metrics, optimum), as YAML.</summary>
    public static Level Parse(string processes, string rest = DefaultRest) => LevelLoader.Parse($"""
        id: sample-schedule-test
        version: 1
        title: {"{"} en: Test, zh-Hans: 测试 {"}"}
        briefing: {"{"} en: Test, zh-Hans: 测试 {"}"}
        hint: {"{"} en: Test, zh-Hans: 测试 {"}"}
        kernel:
          tlb: {"{"} entries: 16, ways: 4 {"}"}
          pcid: false
        processes:
        {processes}
        {rest}
        """, "/tmp/vmquest-schedule-test/level.yaml");

    public const string DefaultRest = """
        player:
          mechanics: [schedule]
        goals:
          - kind: all-exit
        metrics:
          - { name: cycles, par: 100000 }
          - { name: tlb-misses, par: 100 }
          - { name: actions, par: 20 }
        optimum:
          - { metric: cycles, bound: 1000 }
        """;

    /// <summary>A parent that forks a child and waits for it, beside a process that yields three times.</summary>
    public static Level Waiting() => Parse("""
          - name: parent
            program: |
              fork
              if child
                repeat 3
                  yield
                end
                exit
              end
              wait
          - name: other
            program: |
              repeat 3
                yield
              end
        """);
}
