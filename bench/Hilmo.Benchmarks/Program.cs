using BenchmarkDotNet.Running;

namespace Hilmo.Benchmarks;

/// <summary>
/// BenchmarkDotNet measurements of the ingest path, stage by stage, and of disclosure control. Run all with
/// <c>dotnet run -c Release --project bench/Hilmo.Benchmarks -- --filter '*'</c>.
/// </summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
