using VmQuest.Engine.Ecs;

namespace VmQuest.Play.Rules;

/// <summary>
/// Input phase: every <see cref="PlayerActionEntered"/> of the tick is handed to the session's mechanic, which
/// applies it or refuses it with the reason (the teaching moment); refused ones are counted and kept as mistakes.
/// </summary>
internal sealed class PlayerActionSystem(LevelSession session) : ISystem
{
    public void Run(World world)
    {
        foreach (ref readonly var entered in world.Events<PlayerActionEntered>().Read())
        {
            session.EnterAction(entered.Action);
        }
    }
}
