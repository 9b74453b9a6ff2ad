using System.CommandLine;
using System.Globalization;
using VmQuest.City;
using VmQuest.City.Simulation;
using VmQuest.Rules;

namespace VmQuest.Cli;

/// <summary>
/// <c>--save FILE</c>, <c>--load FILE</c> and <c>--state-hash</c>: a sandbox run's inputs written to a file
/// (<see cref="SandboxSaveFile"/>) and re-simulated from it, checked by the state hash.
/// </summary>
internal sealed class SandboxSaveOptions
{
    private readonly Option<string> _save = new("--save")
    {
        Description = "Run --after-ticks N ticks without a window, then save the run (its configuration, what runs, every action and the state hash) to FILE, atomically; with --load, the loaded run and N ticks more.",
        HelpName = "FILE",
    };

    private readonly Option<string> _load = new("--load")
    {
        Description = "Start from a saved run (" + CityView.SaveFileName + " from F5, or --save): its inputs are re-simulated and the state hash checked; its configuration replaces the machine and program flags.",
        HelpName = "FILE",
    };

    private readonly Option<bool> _stateHash = new("--state-hash")
    {
        Description = "Run --after-ticks N ticks without a window (after --load's run, if given) and print the state hash, the one replays and save files check.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_save);
        command.Options.Add(_load);
        command.Options.Add(_stateHash);
    }

    public string? Load(ParseResult parse) => parse.GetValue(_load);

    public bool Headless(ParseResult parse) => parse.GetValue(_save) is not null || parse.GetValue(_stateHash);

    /// <summary>Runs <paramref name="ticks"/> ticks of <paramref name="simulation"/>, then saves and/or prints its state hash.</summary>
    public int RunHeadless(ParseResult parse, CitySimulation simulation, long ticks, TextWriter output)
    {
        for (var i = 0L; i < ticks; i++)
        {
            simulation.Tick();
        }

        var hash = StateHash.Of(simulation.Kernel);
        if (parse.GetValue(_save) is { } path)
        {
            SandboxSaveFile.Write(path, (SandboxSession)simulation.Driver);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {path}: tick {simulation.Ticks}, state hash {hash}"));
        }

        if (parse.GetValue(_stateHash))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state hash {hash} at tick {simulation.Ticks}"));
        }

        return 0;
    }
}
