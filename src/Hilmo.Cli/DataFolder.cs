namespace Hilmo.Cli;

/// <summary>
/// The register's data folder and what lives in it: the database file and, in a folder of its own
/// with owner-only rights, the master key. The key is never inside the database file.
/// </summary>
internal sealed record DataFolder(string Path)
{
    public const string EnvironmentVariable = "HILMO_DATA";

    /// <summary><c>--data</c>, else <c>HILMO_DATA</c>, else <c>./hilmo-data</c>.</summary>
    public static DataFolder Resolve(string? option) =>
        new(System.IO.Path.GetFullPath(option ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "hilmo-data"));

    public string DatabaseFile => System.IO.Path.Combine(Path, "hilmo.duckdb");

    public string KeyFile => System.IO.Path.Combine(Path, "keys", "master.key");
}
