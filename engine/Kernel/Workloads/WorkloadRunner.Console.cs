using VmQuest.Engine.Kernel.Processes;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>The sandbox's hooks into a runner: a console line run in any process, and a kill from outside the programs.</summary>
public sealed partial class WorkloadRunner
{
    /// <summary>
    /// Runs <paramref name="program"/> (a console line, parsed as a one-line program) in the existing process
    /// <paramref name="pid"/> now, action by action, until its end — which does not end the process, unlike a
    /// program's end — or an action that waits for a decision, or the process ends. The line sees and updates
    /// <paramref name="bindings"/> (the names earlier lines bound with <c>malloc</c> and <c>mmap</c>). A <c>fork</c>
    /// makes a child that runs the rest of the line and then exits, as a forked workload does.
    /// </summary>
    /// <returns>The steps taken, in order; a line that fails to evaluate ends with a step whose note says why.</returns>
    public IReadOnlyList<WorkloadStep> RunIn(int pid, WorkloadProgram program, IDictionary<string, long> bindings, int maxActions = WorkloadCursor.MaxControlStepsPerAction)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(bindings);
        var cursor = new WorkloadCursor(program, bindings);
        _blocks.TryAdd(pid, new HeapBlocks());
        var steps = new List<WorkloadStep>();
        while (steps.Count < maxActions && _kernel.Exists(pid) && _kernel.Info(pid).State is ProcessState.Running or ProcessState.Ready)
        {
            WorkloadAction action;
            try
            {
                action = cursor.Next((string name, out long value) => WorkloadImage.TryResolve(_kernel.MmOf(pid), name, out value));
            }
            catch (WorkloadEvaluationException e)
            {
                steps.Add(new WorkloadStep(pid, new ComputeAction(new SourcePosition((int)Math.Min(e.Line, int.MaxValue), e.Column), 0), null, e.Message));
                break;
            }

            if (action is ExitAction { Implicit: true })
            {
                break;
            }

            var step = SweepOomVictims(Perform(pid, cursor, action));
            steps.Add(step);
            if (_retry.Remove(pid))
            {
                break; // waiting for a decision no one in the sandbox makes: the line stops here
            }
        }

        foreach (var (name, value) in cursor.Bindings)
        {
            bindings[name] = value;
        }

        return steps;
    }

    /// <summary>
    /// Forks <paramref name="pid"/> from outside its program (the sandbox's fork key): when it runs a workload here,
    /// the child continues the same program from the same point, with the same variables (a copy of the parent's
    /// state: it is no <c>fork</c> statement, so <c>if child</c> does not tell them apart). Returns the child's pid, or a failed fork's note ("EAGAIN: …").
    /// </summary>
    public (int Child, string? Error) Fork(int pid)
    {
        var forked = _kernel.TryFork(pid);
        if (!forked.Succeeded)
        {
            return (-1, ForkError(forked.Error));
        }

        var child = (int)forked.Value;
        if (_programs.TryGetValue(pid, out var cursor))
        {
            _programs.Add(child, cursor.Clone());
            _order.Add(child);
            _blocks[child] = _blocks.TryGetValue(pid, out var blocks) ? blocks.Clone() : new HeapBlocks();
        }

        return (child, null);
    }

    /// <summary>
    /// Ends <paramref name="pid"/> by <paramref name="signal"/> from outside its program (the sandbox's kill): the
    /// kernel exits it and, when it runs a workload here, the runner records how it ended, as for a crash.
    /// </summary>
    public void Kill(int pid, int signal)
    {
        if (_programs.ContainsKey(pid))
        {
            Finish(pid, 0, signal);
        }
        else if (_kernel.Exists(pid) && _kernel.Info(pid).State != ProcessState.Zombie)
        {
            _kernel.Exit(pid, 0, signal);
        }
    }
}
