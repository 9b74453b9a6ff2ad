using System.Globalization;

namespace VmQuest.Tests.Engine.Kernel.Faults;

/// <summary>
/// Compiles and runs, once, a C program that reads and writes a 64-page file through mappings at 2 MiB-aligned
/// addresses and reports each step's <c>ru_minflt</c>/<c>ru_majflt</c> (<c>getrusage</c>), so the file-fault rules
/// can be compared with this machine's Linux. Written for Linux 6.18 x86-64 with THP in <c>madvise</c> mode,
/// overcommit 0 (heuristic), the temporary directory on ext4 (a disk file system: shared file pages are
/// write-notified) and no swap; <see cref="SkipReason"/> says why the comparison cannot run anywhere else.
/// </summary>
public sealed class LinuxFileFaultsFixture : IDisposable
{
    /// <summary>The program: every step prints "name minor major".</summary>
    public const string Source = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <stdint.h>
        #include <string.h>
        #include <fcntl.h>
        #include <unistd.h>
        #include <sys/mman.h>
        #include <sys/resource.h>
        #include <sys/wait.h>
        #define PG 4096L
        #define N 64
        static long mn, mj;
        static volatile char sink;
        static void snap(void) { struct rusage r; getrusage(RUSAGE_SELF, &r); mn = r.ru_minflt; mj = r.ru_majflt; }
        static void show(const char *w) { struct rusage r; getrusage(RUSAGE_SELF, &r); printf("%s %ld %ld\n", w, r.ru_minflt - mn, r.ru_majflt - mj); }
        static char *at(char *base, long mib, long pages, long n, int prot, int flags, int fd) {
          return mmap(base + (mib << 20) + pages * PG, n * PG, prot, flags | MAP_FIXED, fd, 0);
        }
        static void readall(const char *w, char *p, long n) { snap(); for (long i = 0; i < n; i++) sink += p[i * PG]; show(w); }
        static void writeall(const char *w, char *p, long n) { snap(); for (long i = 0; i < n; i++) p[i * PG] = 'w'; show(w); }
        int main(int argc, char **argv) {
          int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
          char page[PG];
          for (int i = 0; i < N; i++) { memset(page, 'a' + i % 26, PG); if (write(fd, page, PG) != PG) return 1; }
          fsync(fd);
          posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
          char *r = mmap(0, 20L << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
          char *a = (char *)(((uintptr_t)r + (2L << 20) - 1) & ~((uintptr_t)(2L << 20) - 1));
          char *cold = at(a, 0, 0, N, PROT_READ, MAP_PRIVATE, fd);
          madvise(cold, N * PG, MADV_RANDOM);
          readall("cold-read", cold, N);
          char *warm = at(a, 1, 0, N, PROT_READ, MAP_PRIVATE, fd);
          readall("warm-read", warm, N);
          writeall("private-write", at(a, 2, 0, N, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd), N);
          char *pr = at(a, 3, 0, N, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd);
          readall("private-read", pr, N);
          writeall("private-read-then-write", pr, N);
          writeall("shared-write", at(a, 4, 0, N, PROT_READ | PROT_WRITE, MAP_SHARED, fd), N);
          char *sr = at(a, 5, 0, N, PROT_READ | PROT_WRITE, MAP_SHARED, fd);
          readall("shared-read", sr, N);
          writeall("shared-read-then-write", sr, N);
          readall("clip-vma", at(a, 6, 3, 10, PROT_READ, MAP_PRIVATE, fd), 10);
          readall("clip-page-table", at(a, 8, -12, 32, PROT_READ, MAP_PRIVATE, fd), 32);
          fflush(stdout);
          if (fork() == 0) {
            snap(); sink = 0; snap();
            readall("child-file-without-anon", warm, N);
            readall("child-file-with-anon", pr, N);
            fflush(stdout);
            _exit(0);
          }
          wait(0);
          return 0;
        }
        """;

    private readonly string _directory;

    public LinuxFileFaultsFixture()
    {
        _directory = Path.Combine(Path.GetTempPath(), "vmquest-filefaults-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        SkipReason = RealKernel.WhyNot() ?? FileSystemWhyNot();
        if (SkipReason is not null)
        {
            SkipReason += ": file-fault comparison skipped";
            return;
        }

        // -O1, the level this program has always been built at (the others use the -O0 default).
        var program = RealKernel.Compile(Source, _directory, "-O1");
        var output = RealKernel.Run(program, Path.Combine(_directory, "data.bin"));
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            Steps[parts[0]] = (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Why the comparison is skipped here, or null when Linux's answers are in <see cref="Steps"/>.</summary>
    public string? SkipReason { get; }

    /// <summary>Each step's (minor, major) fault counts as Linux reported them.</summary>
    public Dictionary<string, (long Minor, long Major)> Steps { get; } = [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    // Shared file pages are write-notified only on a disk file system (tmpfs, for one, has no page_mkwrite).
    private string? FileSystemWhyNot()
    {
        var fileSystem = RealKernel.Run("stat", "-f", "-c", "%T", _directory).Trim();
        return fileSystem is "ext2/ext3" or "ext4" or "xfs" or "btrfs" ? null : $"the temporary directory is on {fileSystem}, not a disk file system";
    }
}
