using System.Globalization;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Tlb;

namespace VmQuest.City.Simulation;

/// <summary>
/// The machine and kernel a sandbox boots from its <see cref="SandboxSettings"/> — architecture, frames, TLB
/// shape, PCID, swap, replacement policy — with the checks the flags and the settings panel share, and the one
/// line the HUD shows for it. Every sandbox driver boots through here, so the same settings give the same kernel.
/// </summary>
public static class SandboxMachine
{
    /// <summary>
    /// The replacement policies a sandbox can run: the kernel's, except <c>opt</c>, which needs the run's future
    /// recorded first (a sandbox's future depends on what the player does).
    /// </summary>
    public static IReadOnlyList<string> Policies { get; } = [.. ReplacementPolicies.Names.Where(n => n != "opt")];

    /// <summary>Null when <paramref name="settings"/> can boot; else what is wrong, in one sentence naming the option.</summary>
    public static string? Validate(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Frames is < 16 or > 1L << 22)
        {
            return "--frames must be between 16 and 4194304";
        }

        if (settings.Processes is < 1 or > 256)
        {
            return "--processes must be between 1 and 256";
        }

        if (settings.TlbEntries is < 0 or > SandboxSettings.MaxTlbEntries)
        {
            return $"--tlb-entries must be between 0 (no TLB) and {SandboxSettings.MaxTlbEntries}";
        }

        if (settings.TlbWays is < 1)
        {
            return "--tlb-ways must be at least 1";
        }

        if (settings.SwapPages is < 0 or > SandboxSettings.MaxSwapPages)
        {
            return $"--swap-pages must be between 0 and {SandboxSettings.MaxSwapPages}";
        }

        if (!Policies.Contains(settings.Policy))
        {
            return $"--policy must be one of {string.Join(", ", Policies)}, not '{settings.Policy}'";
        }

        // An unknown machine is reported when it boots (naming it as a file, like every command that takes one).
        if (!BuiltinMachines.Names.Contains(settings.Machine))
        {
            return null;
        }

        return Tlb(BuiltinMachines.Load(settings.Machine).Tlb, settings).Validate() is { } wrong
            ? $"--tlb-entries {settings.TlbEntries?.ToString(CultureInfo.InvariantCulture) ?? "(the machine's)"} with --tlb-ways {settings.TlbWays?.ToString(CultureInfo.InvariantCulture) ?? "(the machine's)"}: {wrong}"
            : null;
    }

    /// <summary>The machine of <paramref name="settings"/>: the built-in one, with its frames and TLB.</summary>
    /// <exception cref="VmQuest.Engine.Machine.InputFileException">The machine name is unknown.</exception>
    public static MachineDescription Describe(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var machine = BuiltinMachines.Load(settings.Machine).WithImage(null);
        machine = machine.WithPhysicalMemory((ulong)Math.Max(16, settings.Frames) * machine.PageSize);
        return machine.WithTlb(Tlb(machine.Tlb, settings));
    }

    /// <summary>Boots the kernel of <paramref name="settings"/> (its seed, swap and policy).</summary>
    public static KernelCore Boot(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new KernelCore(Describe(settings), new KernelOptions
        {
            Seed = settings.Seed,
            SwapSlots = settings.SwapPages,
            ReplacementPolicy = settings.Policy,
        });
    }

    /// <summary>The configuration in one line, as the HUD's title shows it: "x86-64 · 4,096 frames · TLB 64×4 PCID · lru · swap 4 GiB".</summary>
    public static string Summary(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var machine = BuiltinMachines.Names.Contains(settings.Machine) ? Describe(settings) : null;
        var tlb = machine?.Tlb is not { } shape ? "TLB ?"
            : shape.Entries == 0 ? "no TLB"
            : string.Create(CultureInfo.InvariantCulture, $"TLB {shape.Entries}×{shape.Ways} {(shape.Pcid ? "PCID" : "no PCID")}");
        var swap = settings.SwapPages == 0 ? "no swap" : "swap " + Size((ulong)settings.SwapPages * (machine?.PageSize ?? 4096));
        return string.Create(CultureInfo.InvariantCulture, $"{settings.Machine} · {settings.Frames:N0} frames · {tlb} · {settings.Policy} · {swap}");
    }

    // The machine's TLB with the settings' changes; ways default to the machine's when they divide the entries,
    // else the TLB is fully associative (one set), so --tlb-entries alone always gives a usable shape.
    private static TlbShape Tlb(TlbShape machine, SandboxSettings settings)
    {
        var entries = settings.TlbEntries ?? machine.Entries;
        var ways = settings.TlbWays
            ?? (entries == machine.Entries || (machine.Ways > 0 && entries % machine.Ways == 0 && IsPowerOfTwo(entries / machine.Ways)) ? machine.Ways : Math.Max(1, entries));
        return machine with { Entries = entries, Ways = ways, Pcid = settings.Pcid ?? machine.Pcid };
    }

    private static bool IsPowerOfTwo(int n) => n > 0 && (n & (n - 1)) == 0;

    private static string Size(ulong bytes) =>
        bytes % (1UL << 30) == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30:N0} GiB")
        : bytes % (1UL << 20) == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20:N0} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10:N0} KiB");
}
