using BenchmarkDotNet.Running;

namespace VmQuest.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (<c>--filter '*Ecs*'</c>, <c>--list flat</c>, …).</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
