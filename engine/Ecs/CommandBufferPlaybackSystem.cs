namespace VmQuest.Engine.Ecs;

/// <summary>
/// Plays back the world's shared <see cref="CommandBuffer"/> resource (if one is set), so systems in
/// earlier phases can record structural changes while they iterate. Runs in <see cref="SimulationPhases.ApplyCommands"/>.
/// </summary>
public sealed class CommandBufferPlaybackSystem : ISystem
{
    /// <inheritdoc />
    public void Run(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (world.HasResource<CommandBuffer>())
        {
            world.GetResource<CommandBuffer>().Playback();
        }
    }
}
