namespace VmQuest.Tests.Game.Platform;

/// <summary>
/// SDL is process-global (one backend at a time, one event queue, hints), so every test that opens a backend
/// or touches the library resolver runs in this collection, one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SdlTestGroup
{
    public const string Name = "SDL";
}
