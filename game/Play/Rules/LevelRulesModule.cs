using VmQuest.Engine.Ecs;

namespace VmQuest.Play.Rules;

/// <summary>
/// The game's rules as systems of the one simulation schedule: player actions in Input, the mechanic's step in
/// Simulate, then metrics, goals and state checkpoints reading what the tick did, in Present.
/// </summary>
internal sealed class LevelRulesModule(LevelSession session) : IScheduleModule
{
    public void Register(Schedule schedule)
    {
        schedule.Add(SimulationPhases.Input, new PlayerActionSystem(session));
        schedule.Add(SimulationPhases.Simulate, new MechanicStepSystem(session));
        schedule.Add(SimulationPhases.Present, new MetricsSystem(session));
        schedule.Add(SimulationPhases.Present, new GoalSystem(session));
        schedule.Add(SimulationPhases.Present, new CheckpointSystem(session));
        schedule.Add(SimulationPhases.Present, new ObserverSystem(session));
    }
}
