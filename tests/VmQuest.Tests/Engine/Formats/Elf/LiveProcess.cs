using System.Diagnostics;
using System.Globalization;

namespace VmQuest.Tests.Engine.Formats.Elf;

/// <summary>
/// Starts a real program (under <c>setarch -R</c> when available, i.e. with ASLR off), waits until it has finished
/// starting up and is blocked (sleeping, reading an empty stdin or writing a full stdout pipe), and kills it on dispose.
/// </summary>
internal sealed class LiveProcess : IDisposable
{
    private readonly Process _process;

    private LiveProcess(Process process, bool underSetarch)
    {
        _process = process;
        UnderSetarch = underSetarch;
    }

    public int Pid => _process.Id;

    public bool UnderSetarch { get; }

    /// <summary>Whether the kernel is not randomising this process's layout (setarch -R worked, or ASLR is off globally).</summary>
    public bool AslrOff
    {
        get
        {
            const int AddrNoRandomize = 0x0040000;
            string global = File.ReadAllText("/proc/sys/kernel/randomize_va_space").Trim();
            string pers = File.ReadAllText($"/proc/{Pid}/personality").Trim();
            return global == "0" || (int.Parse(pers, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & AddrNoRandomize) != 0;
        }
    }

    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static LiveProcess Start(string binary, params string[] args)
    {
        string? setarch = FindOnPath("setarch");
        var psi = setarch is null ? new ProcessStartInfo(binary) : new ProcessStartInfo(setarch) { ArgumentList = { "-R", binary } };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.UseShellExecute = false;
        psi.RedirectStandardInput = true;   // cat blocks reading it
        psi.RedirectStandardOutput = true;  // never read: a chatty program blocks once the pipe is full
        psi.RedirectStandardError = true;
        var p = Process.Start(psi)!;
        var live = new LiveProcess(p, setarch is not null);
        live.WaitUntilBlocked(Path.GetFileName(binary));
        return live;
    }

    private void WaitUntilBlocked(string exeName)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                string exe = File.ResolveLinkTarget($"/proc/{Pid}/exe", false)?.FullName ?? string.Empty;
                string stat = File.ReadAllText($"/proc/{Pid}/stat");
                char state = stat[stat.LastIndexOf(')') + 2];
                if (Path.GetFileName(exe) == exeName && state == 'S')
                {
                    return;
                }
            }
            catch (IOException)
            {
                // Not started yet or already gone; retry until the deadline.
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException($"process {Pid} ({exeName}) did not reach a blocked state");
    }

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.Dispose();
    }
}
