using VmQuest.Engine.Ecs;

namespace VmQuest.Play.Rules;

/// <summary>Present phase: after a tick that completes a multiple of the hash interval, the state hash is kept.</summary>
internal sealed class CheckpointSystem(LevelSession session) : ISystem
{
    public void Run(World world) => session.TakeCheckpointIfDue();
}
