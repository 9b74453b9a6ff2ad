using VmQuest.Engine.Kernel.Exec;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel;

/// <summary>fork, exec, exit, wait, kill and the context switch.</summary>
public sealed partial class KernelCore
{
    /// <summary>SIGKILL, sent by the OOM killer.</summary>
    public const int SigKill = 9;

    /// <summary>SIGSEGV, sent for an access no mapping allows.</summary>
    public const int SigSegv = 11;

    /// <summary>
    /// fork: a child with a copy of the parent's VMAs and page tables. Private writable pages become read-only
    /// and copy-on-write in both, and every shared frame's map count goes up; nothing is copied until a write.
    /// Returns the child's pid (the parent's fork() result; the child's is 0).
    /// </summary>
    public int Fork(int parentPid)
    {
        var parentMm = MmOf(parentPid);
        var parentMemory = MemoryOf(parentPid);
        var child = CreateProcess(Info(parentPid).Name, parentPid);
        var childMm = MmOf(child);
        childMm.CopyLayoutFrom(parentMm);
        var copier = new PageTableCopier(Machine.Description, Machine.Memory, Machine.Frames);
        // The child's tables are as many as the parent's: make room for them before copying.
        EnsureFreeFrames(Walks.TableFrames(parentMemory.Root).Count);
        copier.Copy(parentMemory.Root, MemoryOf(child).Root, parentMm.Vmas, TaskSize, Frames, Swap);

        // The parent's PTEs were made read-only behind the TLB's back (Linux: flush_tlb_mm).
        if (Machine.Description.Tlb.Pcid)
        {
            Machine.Mmu.FlushPcid(parentMemory.Pcid);
        }
        else
        {
            Machine.Mmu.FlushTlb();
        }

        return child;
    }

    /// <summary>
    /// execve: reads <paramref name="path"/>'s ELF headers (throwing a one-line <c>ElfFormatException</c> for a bad
    /// file, leaving the process untouched), drops the old address space and builds the new one; argv and envp
    /// are written into the new stack. Returns where the program starts.
    /// </summary>
    public ExecResult Exec(int pid, string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        var image = ExecImage.Load(path);
        var mm = ResetAddressSpace(pid);
        var result = ExecLoader.Apply(image, mm, argv, envp);
        Info(pid).Name = Path.GetFileName(path);
        WriteUser(pid, mm.Arguments.Start, result.ArgumentStrings);
        WriteUser(pid, mm.Environment.Start, result.EnvironmentStrings);
        return result;
    }

    /// <summary>
    /// The first half of execve: drops the process's address space and gives it a new, empty one with a fresh
    /// root table (loaded into CR3 if the process is running). Returns the new address space.
    /// </summary>
    public MemoryDescriptor ResetAddressSpace(int pid)
    {
        ReleaseAddressSpace(pid);
        EnsureFreeFrames(1);
        ref var memory = ref MemoryOf(pid);
        memory.Root = Machine.Tables.CreateRoot();
        memory.Mm = NewMm(pid);
        if (CurrentPid == pid)
        {
            Machine.Mmu.LoadCr3(memory.Root, memory.Pcid);
        }

        return memory.Mm;
    }

    /// <summary>exit: frees the process's memory (respecting shared frames and swap slots); it stays a zombie until waited for.</summary>
    public void Exit(int pid, int exitCode, int signal = 0)
    {
        ref var info = ref Info(pid);
        if (info.State == ProcessState.Zombie)
        {
            return;
        }

        ReleaseAddressSpace(pid);
        info = ref Info(pid);
        info.State = ProcessState.Zombie;
        info.ExitCode = exitCode;
        info.KilledBy = signal;
        foreach (var other in _pids)
        {
            ref var child = ref Info(other);
            if (child.ParentPid == pid)
            {
                child.ParentPid = 0;
            }
        }

        if (info.ParentPid != 0 && Exists(info.ParentPid) && Info(info.ParentPid).State == ProcessState.Blocked)
        {
            Info(info.ParentPid).State = ProcessState.Ready;
        }

        if (CurrentPid == pid)
        {
            CurrentPid = 0;
        }

        Counters.SegmentationFaults += signal == SigSegv ? 1 : 0;
        Publish(new ProcessExited(pid, exitCode, signal));
    }

    /// <summary>
    /// wait: reaps a zombie child of <paramref name="parentPid"/> (lowest pid first) and returns its pid and status;
    /// null when children exist but none has exited; (-1, 0) when there are no children (ECHILD).
    /// </summary>
    public (int Pid, int Status)? Wait(int parentPid)
    {
        var children = _pids.Where(p => Info(p).ParentPid == parentPid).ToList();
        if (children.Count == 0)
        {
            return (-1, 0);
        }

        foreach (var child in children)
        {
            var info = Info(child);
            if (info.State == ProcessState.Zombie)
            {
                World.Destroy(_processes[child]);
                _processes.Remove(child);
                _pids.Remove(child);
                return (child, info.KilledBy != 0 ? 128 + info.KilledBy : info.ExitCode);
            }
        }

        return null;
    }

    /// <summary>
    /// Loads <paramref name="pid"/>'s root into CR3 (a context switch): the TLB is flushed unless PCIDs are on; both
    /// the switch and the flush are charged to the clock.
    /// </summary>
    public void SwitchTo(int pid)
    {
        if (CurrentPid == pid)
        {
            return;
        }

        var memory = MemoryOf(pid);
        if (memory.Mm is null || Info(pid).State is ProcessState.Zombie or ProcessState.Suspended)
        {
            throw new InvalidOperationException($"process {pid} cannot run: it is {Info(pid).State}");
        }

        var from = CurrentPid;
        if (from != 0 && Exists(from) && Info(from).State == ProcessState.Running)
        {
            Info(from).State = ProcessState.Ready;
        }

        Machine.Mmu.LoadCr3(memory.Root, memory.Pcid);
        Machine.Clock.Advance(Machine.Description.Costs.ContextSwitch);
        CurrentPid = pid;
        Info(pid).State = ProcessState.Running;
        Counters.ContextSwitches++;
        Publish(new ContextSwitched(from, pid, !Machine.Description.Tlb.Pcid));
    }

    // Writes bytes into a process's memory as the kernel does for execve's arguments: the pages fault in.
    private void WriteUser(int pid, ulong va, byte[] bytes)
    {
        var previous = CurrentPid;
        SwitchTo(pid);
        for (var i = 0; i < bytes.Length; i++)
        {
            Access(pid, va + (ulong)i, AccessKind.Write, bytes[i], 1);
        }

        if (previous != 0 && previous != pid && Exists(previous) && MemoryOf(previous).Mm is not null)
        {
            SwitchTo(previous);
        }
    }

    // Unmaps everything, frees every page-table frame, and forgets the TLB entries the tree produced.
    private void ReleaseAddressSpace(int pid)
    {
        ref var memory = ref MemoryOf(pid);
        if (memory.Mm is null)
        {
            return;
        }

        ZapRange(pid, 0, TaskSize);
        memory = ref MemoryOf(pid);
        foreach (var table in Walks.TableFrames(memory.Root))
        {
            Machine.Memory.ClearFrame(table);
            Machine.Frames.Free(table);
        }

        if (Machine.Description.Tlb.Pcid)
        {
            Machine.Mmu.FlushPcid(memory.Pcid);
        }
        else if (CurrentPid == pid)
        {
            Machine.Mmu.FlushTlb();
        }

        memory.Mm = null;
        memory.Root = 0;
    }
}
