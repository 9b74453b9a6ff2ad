using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Kernel.Mm;

/// <summary>
/// A sequence of memory syscalls at fixed addresses (pages from <see cref="Base"/>, far from anything ASLR places),
/// played twice: as a C program on the real kernel and on a <see cref="KernelCore"/> process. Both print the same
/// transcript — each call's result (<c>mprotect = -1 ENOMEM</c>) and, at each <c>Maps</c> step, the maps lines of
/// the region — so the two can be compared line for line.
/// </summary>
internal sealed class MmScript
{
    /// <summary>Where page 0 of the script is.</summary>
    public const ulong Base = 0x2000_0000_0000;

    private const ulong Page = 0x1000;
    private const ulong Region = 1UL << 30;
    private readonly List<Step> _steps = [];

    private enum Op
    {
        Mmap,
        Munmap,
        Mprotect,
        Write,
        Read,
        Maps,
    }

    /// <summary>Maps <paramref name="pages"/> private anonymous pages at page <paramref name="page"/> (MAP_FIXED_NOREPLACE).</summary>
    public MmScript Mmap(int page, int pages, VmaPermissions permissions) => Add(Op.Mmap, page, pages, permissions);

    public MmScript Munmap(int page, int pages) => Add(Op.Munmap, page, pages, VmaPermissions.None);

    public MmScript Mprotect(int page, int pages, VmaPermissions permissions) => Add(Op.Mprotect, page, pages, permissions);

    public MmScript Write(int page) => Add(Op.Write, page, 1, VmaPermissions.None);

    public MmScript Read(int page) => Add(Op.Read, page, 1, VmaPermissions.None);

    /// <summary>Prints the maps lines of the region, headed by <c>== maps</c>.</summary>
    public MmScript Maps() => Add(Op.Maps, 0, 0, VmaPermissions.None);

    /// <summary>The program for the real kernel.</summary>
    public string ToC()
    {
        var c = new StringBuilder("""
            #define _GNU_SOURCE
            #include <errno.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/mman.h>
            static void result(const char *call, long r) {
              if (r == -1) printf("%s = -1 %s\n", call, errno == ENOMEM ? "ENOMEM" : errno == EINVAL ? "EINVAL" : errno == EEXIST ? "EEXIST" : "E?");
              else printf("%s = 0\n", call);
            }
            static void maps(void) {
              FILE *f = fopen("/proc/self/maps", "r"); char line[512];
              printf("== maps\n");
              while (fgets(line, sizeof line, f)) { unsigned long a; sscanf(line, "%lx", &a); if (a >= BASE && a < BASE + REGION) fputs(line, stdout); }
              fclose(f);
            }
            int main(void) {
              char *b = (char *)BASE;

            """);
        c.Insert(0, Invariant($"#define BASE 0x{Base:x}UL\n#define REGION 0x{Region:x}UL\n"));
        foreach (var s in _steps)
        {
            var at = Invariant($"b + {s.Page} * 4096L");
            var length = Invariant($"{s.Pages} * 4096L");
            c.Append(s.Op switch
            {
                Op.Mmap => $"  result(\"mmap\", mmap({at}, {length}, {Prot(s.Permissions)}, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED ? -1 : 0);\n",
                Op.Munmap => $"  result(\"munmap\", munmap({at}, {length}));\n",
                Op.Mprotect => $"  result(\"mprotect\", mprotect({at}, {length}, {Prot(s.Permissions)}));\n",
                Op.Write => $"  *(volatile char *)({at}) = 1;\n",
                Op.Read => $"  (void)*(volatile char *)({at});\n",
                _ => "  maps();\n",
            });
        }

        return c.Append("  return 0;\n}\n").ToString();
    }

    /// <summary>Plays the script on a fresh process of <paramref name="kernel"/>; returns the same transcript the C prints.</summary>
    public string RunOn(KernelCore kernel)
    {
        var pid = kernel.CreateProcess("mm-script");
        kernel.SwitchTo(pid);
        var transcript = new StringBuilder();
        foreach (var s in _steps)
        {
            var at = Base + ((ulong)s.Page * Page);
            var length = (ulong)s.Pages * Page;
            switch (s.Op)
            {
                case Op.Mmap:
                    transcript.Append(Result("mmap", kernel.Mmap(pid, at, length, s.Permissions, MapFlags.FixedNoReplace)));
                    break;
                case Op.Munmap:
                    transcript.Append(Result("munmap", kernel.Munmap(pid, at, length)));
                    break;
                case Op.Mprotect:
                    transcript.Append(Result("mprotect", kernel.Mprotect(pid, at, length, s.Permissions)));
                    break;
                case Op.Write:
                    Assert.True(kernel.Access(pid, at, AccessKind.Write, 1, 1).Completed);
                    break;
                case Op.Read:
                    Assert.True(kernel.Access(pid, at, AccessKind.Read, null, 1).Completed);
                    break;
                default:
                    transcript.Append("== maps\n");
                    transcript.Append(MapsWriter.Format(MapsView.Entries(kernel.MmOf(pid).Vmas).Where(e => e.Start >= Base && e.Start < Base + Region)));
                    break;
            }
        }

        return transcript.ToString();
    }

    private static string Result(string call, SyscallResult result) =>
        result.Succeeded ? $"{call} = 0\n" : $"{call} = -1 {result.Error}\n";

    private static string Prot(VmaPermissions permissions)
    {
        var flags = new List<string>();
        if ((permissions & VmaPermissions.Read) != 0)
        {
            flags.Add("PROT_READ");
        }

        if ((permissions & VmaPermissions.Write) != 0)
        {
            flags.Add("PROT_WRITE");
        }

        if ((permissions & VmaPermissions.Execute) != 0)
        {
            flags.Add("PROT_EXEC");
        }

        return flags.Count == 0 ? "PROT_NONE" : string.Join(" | ", flags);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private MmScript Add(Op op, int page, int pages, VmaPermissions permissions)
    {
        _steps.Add(new Step(op, page, pages, permissions));
        return this;
    }

    private readonly record struct Step(Op Op, int Page, int Pages, VmaPermissions Permissions);
}
