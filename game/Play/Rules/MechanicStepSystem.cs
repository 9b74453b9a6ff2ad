using VmQuest.Engine.Ecs;

namespace VmQuest.Play.Rules;

/// <summary>Simulate phase: the level's machine and kernel do one tick's work, unless a decision is pending.</summary>
internal sealed class MechanicStepSystem(LevelSession session) : ISystem
{
    public void Run(World world) => session.StepOnce();
}
