using VmQuest.Engine.Ecs;

namespace VmQuest.Play.Rules;

/// <summary>Present phase, last: readers outside the rules (the city's animations and event log) see the tick's events before they are cleared.</summary>
internal sealed class ObserverSystem(LevelSession session) : ISystem
{
    public void Run(World world)
    {
        foreach (var observer in session.TickObservers)
        {
            observer(world);
        }
    }
}
