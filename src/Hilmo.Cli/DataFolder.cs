using Hilmo.Identity;

namespace Hilmo.Cli;

/// <summary>
/// The register's data folder and what lives in it: the database file, the audit log, the access
/// keys' hashes and, in a folder of its own with owner-only rights, the keys. No key is inside the
/// database file or beside the log.
/// </summary>
internal sealed record DataFolder(string Path)
{
    public const string EnvironmentVariable = "HILMO_DATA";

    /// <summary><c>--data</c>, else <c>HILMO_DATA</c>, else <c>./hilmo-data</c>.</summary>
    public static DataFolder Resolve(string? option) =>
        new(System.IO.Path.GetFullPath(option ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "hilmo-data"));

    /// <summary>
    /// Creates the folder if needed and makes it and everything in it owner-only (0700 folders,
    /// 0600 files), an older folder of 0755 included; what the process creates from now on is
    /// owner-only too (umask 077), the database files DuckDB makes itself among them.
    /// </summary>
    public void Restrict()
    {
        OwnerOnlyFiles.RestrictProcessCreations();
        OwnerOnlyFiles.RestrictFolder(Path);
    }

    public string DatabaseFile => System.IO.Path.Combine(Path, "hilmo.duckdb");

    public string KeyFile => System.IO.Path.Combine(Path, "keys", "master.key");

    /// <summary>The hashes of the clients' access keys (<see cref="Access.AccessKeyFile"/>).</summary>
    /// <summary>The provider register statistics name and place providers with (<c>code,name_fi,name_sv,name_en,county</c>).</summary>
    public string ProvidersFile => System.IO.Path.Combine(Path, Statistics.ProviderRegister.FileName);

    /// <summary>The unit register: which provider each service unit belongs to, and its name (<c>code,provider,name_fi,name_sv,name_en</c>).</summary>
    public string UnitsFile => System.IO.Path.Combine(Path, Statistics.UnitRegister.FileName);

    /// <summary>The supervising authority's regions, when the register keepers replace the shipped table.</summary>
    public string SupervisionRegionsFile => System.IO.Path.Combine(Path, Statistics.SupervisionRegions.FileName);

    /// <summary>
    /// The population statistics' rates are per, in the register's CSV layout
    /// (<c>year,municipality,sex,age,persons</c>); <c>hilmo serve --demo</c> writes the demo's here.
    /// </summary>
    public string PopulationCsvFile => System.IO.Path.Combine(Path, Statistics.Population.PopulationFile.FileName);

    /// <summary>The population file to load: the CSV, else Statistics Finland's table 11re as a PX file; null when neither is there.</summary>
    public string? PopulationFile => Statistics.Population.PopulationFile.Find(Path);

    public string AccessKeysFile => System.IO.Path.Combine(Path, "access", "keys.json");
    public string AuditLogFile => System.IO.Path.Combine(Path, "audit", "audit.log");

    /// <summary>The private key that signs the audit log's checkpoints.</summary>
    public string AuditSigningKeyFile => System.IO.Path.Combine(Path, "keys", "audit-signing.key");

    /// <summary>Its public half, all that <c>hilmo audit verify</c> needs.</summary>
    public string AuditPublicKeyFile => AuditSigningKey.PublicKeyPath(AuditSigningKeyFile);
}
