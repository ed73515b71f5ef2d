namespace Hilmo.Cli;

/// <summary>
/// The register's data folder and what lives in it: the database file and, in folders of their own
/// with owner-only rights, the master key and the access keys. Keys are never inside the database file.
/// </summary>
internal sealed record DataFolder(string Path)
{
    public const string EnvironmentVariable = "HILMO_DATA";

    /// <summary><c>--data</c>, else <c>HILMO_DATA</c>, else <c>./hilmo-data</c>.</summary>
    public static DataFolder Resolve(string? option) =>
        new(System.IO.Path.GetFullPath(option ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "hilmo-data"));

    public string DatabaseFile => System.IO.Path.Combine(Path, "hilmo.duckdb");

    public string KeyFile => System.IO.Path.Combine(Path, "keys", "master.key");

    /// <summary>The hashes of the clients' access keys (<see cref="Access.AccessKeyFile"/>).</summary>
    public string AccessKeysFile => System.IO.Path.Combine(Path, "access", "keys.json");
}
