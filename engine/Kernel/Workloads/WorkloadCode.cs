namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>Operations of the flattened program a <see cref="WorkloadCursor"/> steps through.</summary>
internal enum WorkloadOp
{
    /// <summary>Produce the action of a simple statement.</summary>
    Act,

    /// <summary>Evaluate a repeat count; jump to Target (past the loop) when it is 0.</summary>
    RepeatEnter,

    /// <summary>Count one iteration down; jump to Target (body start) while some remain.</summary>
    RepeatNext,

    /// <summary>Evaluate a for range; jump to Target (past the loop) when it is empty.</summary>
    ForEnter,

    /// <summary>Advance the loop variable; jump to Target (body start) while it is in range.</summary>
    ForNext,

    /// <summary>Fall into an if's then-branch when the fork role matches, else jump to Target.</summary>
    BranchUnlessRole,

    /// <summary>Jump to Target (from the end of a then-branch past its else-branch).</summary>
    Jump,
}

/// <summary>One flattened instruction: what to do, the statement it came from, and a jump target.</summary>
internal readonly record struct WorkloadInstruction(WorkloadOp Op, Statement Statement, int Target);

/// <summary>
/// A program flattened into instructions with jump targets, so a cursor is just a program counter and a
/// loop stack: cheap to clone at fork, and one statement per step for the scheduler and single-step.
/// Immutable; shared by every cursor (and fork child) running the same program.
/// </summary>
internal sealed class WorkloadCode
{
    private readonly List<WorkloadInstruction> _code = [];

    public WorkloadCode(WorkloadProgram program)
    {
        Program = program;
        Emit(program.Body);
        Instructions = [.. _code];
    }

    public WorkloadProgram Program { get; }

    public WorkloadInstruction[] Instructions { get; }

    private void Emit(NodeList<Statement> body)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case RepeatStatement r:
                    EmitLoop(r, WorkloadOp.RepeatEnter, WorkloadOp.RepeatNext, r.Body);
                    break;
                case ForStatement f:
                    EmitLoop(f, WorkloadOp.ForEnter, WorkloadOp.ForNext, f.Body);
                    break;
                case IfForkStatement i:
                    int test = Add(WorkloadOp.BranchUnlessRole, i, -1);
                    Emit(i.Then);
                    if (i.Else.Count == 0)
                    {
                        Patch(test, _code.Count);
                    }
                    else
                    {
                        int skip = Add(WorkloadOp.Jump, i, -1);
                        Patch(test, _code.Count);
                        Emit(i.Else);
                        Patch(skip, _code.Count);
                    }

                    break;
                default:
                    Add(WorkloadOp.Act, statement, -1);
                    break;
            }
        }
    }

    private void EmitLoop(Statement loop, WorkloadOp enter, WorkloadOp next, NodeList<Statement> body)
    {
        int entry = Add(enter, loop, -1);
        int bodyStart = _code.Count;
        Emit(body);
        Add(next, loop, bodyStart);
        Patch(entry, _code.Count);
    }

    private int Add(WorkloadOp op, Statement statement, int target)
    {
        _code.Add(new WorkloadInstruction(op, statement, target));
        return _code.Count - 1;
    }

    private void Patch(int at, int target) => _code[at] = _code[at] with { Target = target };
}
