using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Kernel.Exec;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Scheduling;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel;

/// <summary>fork, exec, exit, wait, kill and the context switch.</summary>
public sealed partial class KernelCore
{
    /// <summary>SIGKILL, sent by the OOM killer.</summary>
    public const int SigKill = 9;

    /// <summary>SIGSEGV, sent for an access no mapping allows.</summary>
    public const int SigSegv = 11;

    /// <summary>SIGBUS, sent for a touch of a file page wholly past the end of the file.</summary>
    public const int SigBus = 7;

    /// <summary>SIGABRT, raised by glibc when it detects heap corruption (a double free).</summary>
    public const int SigAbrt = 6;

    /// <summary>
    /// fork: a child with a copy of the parent's VMAs and page tables. Private writable pages become read-only
    /// and copy-on-write in both, and every shared frame's map count goes up; nothing is copied until a write.
    /// Returns the child's pid (the parent's fork() result; the child's is 0), or −1 when fork fails
    /// (<see cref="TryFork"/> says why), as fork(2) does.
    /// </summary>
    public int Fork(int parentPid)
    {
        var forked = TryFork(parentPid);
        return forked.Succeeded ? (int)forked.Value : -1;
    }

    /// <summary>
    /// fork (see <see cref="Fork"/>); the result's value is the child's pid. Fails, changing nothing but the
    /// evictions made, with <see cref="Errno.EAGAIN"/> at <see cref="KernelOptions.MaxProcesses"/> (Linux:
    /// RLIMIT_NPROC) and with <see cref="Errno.ENOMEM"/> when reclaim cannot free the frames the child's page
    /// tables need (as many as the parent's). fork never runs the OOM killer.
    /// </summary>
    public SyscallResult TryFork(int parentPid)
    {
        var parentMm = MmOf(parentPid);
        var parentMemory = MemoryOf(parentPid);
        if (_pids.Count >= Options.MaxProcesses)
        {
            Counters.ForkFailures++;
            return SyscallResult.Fail(Errno.EAGAIN);
        }

        // The child's tables are as many as the parent's (the root included); eviction never frees a table.
        var tables = (ulong)Walks.TableFrames(parentMemory.Root).Count - 1 + RootFrames + HugePmdCount(parentPid);
        if (!ReclaimUntilFree(tables))
        {
            Counters.ForkFailures++;
            return SyscallResult.Fail(Errno.ENOMEM);
        }

        var created = TryCreateProcess(Info(parentPid).Name, parentPid);
        if (!created.Succeeded)
        {
            return created;
        }

        var child = (int)created.Value;
        var childMm = MmOf(child);
        childMm.CopyLayoutFrom(parentMm);
        var copier = new PageTableCopier(Machine.Description, Machine.Memory, Machine.Frames);
        var deposits = new List<(ulong Slot, ulong Table)>();
        copier.Copy(parentMemory.Root, MemoryOf(child).Root, parentMm.Vmas, TaskSize, Frames, Swap, Ptes, child, deposits);
        foreach (var (slot, table) in deposits)
        {
            Deposit(slot, table);
        }

        if (!CanWriteProtect && !CopyPrivatePages(child))
        {
            // No memory for the copies: the half-made child goes away, and fork fails as Linux's does.
            Exit(child, 0, SigKill);
            Reap(child);
            Counters.ForkFailures++;
            return SyscallResult.Fail(Errno.ENOMEM);
        }

        // The parent's PTEs were made read-only behind the TLB's back (Linux: flush_tlb_mm).
        if (Machine.Description.Tlb.Pcid)
        {
            if (parentMemory.Pcid != 0)
            {
                Machine.Mmu.FlushPcid(parentMemory.Pcid);
            }
        }
        else
        {
            Machine.Mmu.FlushTlb();
        }

        return SyscallResult.Ok((ulong)child);
    }

    /// <summary>True when the PTE format has a writable bit: without one there is no copy-on-write.</summary>
    internal bool CanWriteProtect => _pte.WritableMask != 0;

    // fork on a machine that cannot write-protect (the OSTEP formats have only a valid bit): sharing a private
    // page would let one process's writes reach the other (at once, or after an mprotect makes it writable), so
    // the child gets its own copy of each now, as Unix did before copy-on-write. Swapped-out pages stay shared in
    // swap: swap-in breaks the sharing.
    private bool CopyPrivatePages(int child)
    {
        var mm = MmOf(child);
        var shared = new List<ulong>();
        Walks.ForEachLeaf(MemoryOf(child).Root, 0, TaskSize, (va, _, entry) =>
        {
            if (_pte.IsPresent(entry) && mm.Vmas.Find(va) is { Shared: false })
            {
                shared.Add(va);
            }
        });
        // Room for every copy first, by reclaim alone (fork never runs the OOM killer, which could choose the parent).
        if (!ReclaimUntilFree((ulong)shared.Count + (ulong)Machine.Description.Levels.Count + 1))
        {
            return false;
        }

        foreach (var va in shared)
        {
            var slot = Walks.LeafSlot(MemoryOf(child).Root, va);
            var entry = Machine.Memory.Read(slot, _pte.WidthBytes);
            if (!_pte.IsPresent(entry) || mm.Vmas.Find(va) is not { } area)
            {
                continue;
            }

            if (BreakCow(child, va, area, slot, entry, out _, force: true) is FaultOutcome.OutOfMemory or FaultOutcome.AwaitingDecision)
            {
                return false;
            }
        }

        return true;
    }

    // Removes a zombie from the process table (the second half of wait).
    private void Reap(int pid)
    {
        var parent = Info(pid).ParentPid;
        if (parent != 0 && Exists(parent))
        {
            Info(parent).Children--;

            // wait_task_zombie: the child's faults, and those of the children it reaped, become the parent's cmin_flt/cmaj_flt.
            ref readonly var child = ref Info(pid);
            Info(parent).ChildMinorFaults += child.MinorFaults + child.ChildMinorFaults;
            Info(parent).ChildMajorFaults += child.MajorFaults + child.ChildMajorFaults;
        }

        World.Destroy(_processes[pid]);
        _processes.Remove(pid);
        _lastPid = _lastPid == pid ? int.MinValue : _lastPid;
        _pids.Remove(pid);
    }

    /// <summary>
    /// execve: reads <paramref name="path"/>'s ELF headers (throwing a one-line <c>ElfFormatException</c> for a bad
    /// file, leaving the process untouched), drops the old address space and builds the new one; argv and envp
    /// are written into the new stack. Returns where the program starts.
    /// </summary>
    public ExecResult Exec(int pid, string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp) =>
        Exec(pid, ExecImage.Load(path), argv, envp);

    /// <summary>
    /// execve of an image already read (e.g. from a level's own bytes, named by a path that is the same on every
    /// machine): as <see cref="Exec(int, string, IReadOnlyList{string}, IReadOnlyList{string})"/> after the headers
    /// were read. The file's pages come from <see cref="Files"/> under <see cref="ExecImage.Path"/> (provide them there).
    /// </summary>
    public ExecResult Exec(int pid, ExecImage image, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        ArgumentNullException.ThrowIfNull(image);
        var path = image.Path;
        if (TaskSize < LinuxX64Layout.TaskSize)
        {
            // Before the point of no return, as Linux: a failed execve leaves the caller as it was.
            throw new ElfFormatException(path, $"an x86-64 program does not fit this machine's user address space (0x{TaskSize:x} bytes) (expected an x86-64 machine)");
        }

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
        // Releasing the old space freed at least its root, so the new root always has a frame.
        ReleaseAddressSpace(pid);
        ref var memory = ref MemoryOf(pid);
        memory.Root = NewRoot(pid);
        memory.Mm = NewMm(pid);
        memory.ContextId = NewContextId();
        memory.Pcid = 0;
        if (CurrentPid == pid)
        {
            // exec's activate_mm: the new mm is switched to like any other (a new ctx_id, so a new ASID slot).
            ContextSwitch.LoadMm(this, pid);
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
        if (info.Children > 0)
        {
            info.Children = 0;
            foreach (var other in _pids)
            {
                ref var child = ref Info(other);
                if (child.ParentPid == pid)
                {
                    child.ParentPid = 0;
                }
            }

            info = ref Info(pid);
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
        Counters.BusErrors += signal == SigBus ? 1 : 0;
        Publish(new ProcessExited(pid, exitCode, signal));
    }

    /// <summary>
    /// wait: reaps a zombie child of <paramref name="parentPid"/> (lowest pid first) and returns its pid and status;
    /// null when children exist but none has exited; (-1, 0) when there are no children (ECHILD).
    /// </summary>
    public (int Pid, int Status)? Wait(int parentPid)
    {
        if (parentPid != 0 && Exists(parentPid) && Info(parentPid).Children == 0)
        {
            return (-1, 0);
        }

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
                Reap(child);
                return (child, info.KilledBy != 0 ? 128 + info.KilledBy : info.ExitCode);
            }
        }

        return null;
    }

    /// <summary>
    /// waitpid: reaps <paramref name="childPid"/> if it is a zombie child of <paramref name="parentPid"/> (0: a child
    /// of no process, which init reaps) and returns its pid and status; null otherwise.
    /// </summary>
    public (int Pid, int Status)? WaitFor(int parentPid, int childPid)
    {
        if (!Exists(childPid) || Info(childPid) is not { State: ProcessState.Zombie } info || info.ParentPid != parentPid)
        {
            return null;
        }

        Reap(childPid);
        return (childPid, info.KilledBy != 0 ? 128 + info.KilledBy : info.ExitCode);
    }

    /// <summary>
    /// Loads <paramref name="pid"/>'s root into CR3 (a context switch): the TLB is flushed unless PCIDs are on; both
    /// the switch and the flush are charged to the clock.
    /// </summary>
    public void SwitchTo(int pid) => Scheduling.ContextSwitch.Run(this, pid);

    // Writes bytes into a process's memory as the kernel does for execve's arguments: the pages fault in.
    private void WriteUser(int pid, ulong va, byte[] bytes)
    {
        var previous = CurrentPid;
        SwitchTo(pid);
        for (var i = 0; i < bytes.Length; i++)
        {
            // Out of memory mid-copy: the OOM killer may have chosen this very process.
            if (!Access(pid, va + (ulong)i, AccessKind.Write, bytes[i], 1).Completed)
            {
                break;
            }
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
        if (memory.Mm is not { } mm)
        {
            return;
        }

        ZapRange(pid, 0, TaskSize);
        memory = ref MemoryOf(pid);
        foreach (var table in Walks.TableFrames(memory.Root))
        {
            Ptes.TableFreed(table);
            Frames.Release(table);
            Machine.Memory.ClearFrame(table);
            Machine.Frames.Free(table);
        }

        if (Machine.Description.Tlb.Pcid)
        {
            if (memory.Pcid != 0)
            {
                Machine.Mmu.FlushPcid(memory.Pcid);
            }
        }
        else if (CurrentPid == pid)
        {
            Machine.Mmu.FlushTlb();
        }

        // The VMA entities go with the tables (they live in another archetype, so `memory` stays valid).
        mm.Release();
        memory.Mm = null;
        memory.Root = 0;
    }
}
