namespace Hilmo.Benchmarks; internal static class Program { private static void Main() { } }
