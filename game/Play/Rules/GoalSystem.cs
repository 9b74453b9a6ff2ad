using VmQuest.Engine.Ecs;

namespace VmQuest.Play.Rules;

/// <summary>Present phase: the level's goals are checked against the tick's state and events (the mechanic says how).</summary>
internal sealed class GoalSystem(LevelSession session) : ISystem
{
    public void Run(World world) => session.CheckGoals();
}
