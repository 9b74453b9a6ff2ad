using System.Diagnostics;

namespace VmQuest.Tests.Engine.Formats.Elf;

/// <summary>
/// Compiles, once, a static non-PIE program (<c>ET_EXEC</c> at 0x400000) and a static PIE (<c>ET_DYN</c> without
/// interpreter) whose bss spans many pages; both block in <c>pause()</c>. Null paths when gcc or the static
/// C library is missing.
/// </summary>
public sealed class StaticProgramsFixture : IDisposable
{
    private const string Source = """
        #include <unistd.h>
        static char big[100000];
        int data_word = 7;
        int main(void) { big[5] = 1; pause(); return big[5] + data_word; }
        """;

    public StaticProgramsFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "vmquest-elf-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        string c = Path.Combine(Directory, "bss.c");
        File.WriteAllText(c, Source);
        StaticExec = Compile(c, "bss-static", "-static", "-no-pie");
        StaticPie = Compile(c, "bss-static-pie", "-static-pie");
    }

    public string Directory { get; }

    public string? StaticExec { get; }

    public string? StaticPie { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private string? Compile(string source, string name, params string[] flags)
    {
        if (LiveProcess.FindOnPath("gcc") is null)
        {
            return null;
        }

        string output = Path.Combine(Directory, name);
        var psi = new ProcessStartInfo("gcc") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var f in flags)
        {
            psi.ArgumentList.Add(f);
        }

        psi.ArgumentList.Add("-O0");
        psi.ArgumentList.Add("-o");
        psi.ArgumentList.Add(output);
        psi.ArgumentList.Add(source);
        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : null;
    }
}
