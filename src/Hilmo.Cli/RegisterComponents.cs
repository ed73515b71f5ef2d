using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Codes;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Statistics.Population;
using Hilmo.Statistics.Signals;
using Hilmo.Storage;

namespace Hilmo.Cli;

/// <summary>The parts of the register the commands assemble: code server, pseudonymiser, pipeline, access keys, audit log.</summary>
internal static class RegisterComponents
{
    public static CodeServer LoadCodes(string? folder) => CodeServer.Load(folder ?? CodeServer.DefaultDirectory);

    /// <summary>
    /// The register's pseudonymiser: the master key from <c>HILMO_MASTER_KEY</c> when the operator
    /// set it, otherwise from the data folder's key file, created with owner-only rights on first use.
    /// </summary>
    public static ProviderPseudonymiser Pseudonymiser(DataFolder data, bool allowTemporaryCodes) => Pseudonymiser(MasterKey(data), allowTemporaryCodes);

    public static ProviderPseudonymiser Pseudonymiser(Identity.MasterKey key, bool allowTemporaryCodes) =>
        new(key, new ProviderPseudonymiserOptions { AllowTemporaryCodes = allowTemporaryCodes });

    /// <summary>The master key from <c>HILMO_MASTER_KEY</c> when the operator set it, otherwise from the data folder's key file, created with owner-only rights on first use.</summary>
    public static MasterKey MasterKey(DataFolder data) =>
        Environment.GetEnvironmentVariable(Identity.MasterKey.DefaultEnvironmentVariable) is { Length: > 0 }
            ? Identity.MasterKey.FromEnvironmentVariable()
            : MasterKeyFile.LoadOrCreate(data.KeyFile);

    /// <summary>
    /// A pseudonymiser with a random key that lives only in memory, for checking files without a
    /// register: identity codes are validated the same way, the pseudonyms are thrown away.
    /// </summary>
    public static ProviderPseudonymiser ThrowawayPseudonymiser(bool allowTemporaryCodes) =>
        new(Identity.MasterKey.CreateEphemeral(), new ProviderPseudonymiserOptions { AllowTemporaryCodes = allowTemporaryCodes });

    public static IngestPipeline Pipeline(CodeServer codes, IPseudonymiser pseudonymiser) =>
        new(new Validation.NotificationValidator(codes, TimeProvider.System), pseudonymiser);

    /// <summary>
    /// The clients' access keys of the data folder. One instance serves a whole server: it sees
    /// the changes <c>hilmo keys</c> makes in another process within a second.
    /// </summary>
    public static AccessKeyFile AccessKeys(DataFolder data, TimeProvider? timeProvider = null) => new(data.AccessKeysFile, timeProvider ?? TimeProvider.System);

    /// <summary>
    /// The register's audit log in the data folder, signing its checkpoints with the audit signing
    /// key (created with owner-only rights on first use, its public half beside it). Dispose it
    /// when done: that writes the final checkpoint.
    /// </summary>
    public static AuditLogFile AuditLog(DataFolder data, TimeProvider? timeProvider = null) =>
        AuditLogFile.Open(data.AuditLogFile, AuditSigningKey.LoadOrCreate(data.AuditSigningKeyFile), timeProvider);

    /// <summary>
    /// Reports over <paramref name="store"/>, named with the code lists and the data folder's
    /// provider and unit registers, with the register's disclosure rules, on the register's clock; the
    /// supervision regions are the data folder's own table if it has one, else the shipped one; the
    /// population, the denominator of rates, is the data folder's (<see cref="DataFolder.PopulationFile"/>), none if it has none; the syndromes are the shipped ones.
    /// </summary>
    /// <exception cref="Statistics.Population.PopulationFileException">The data folder's population file cannot be used.</exception>
    public static StatisticsService Statistics(IRegisterStore store, CodeServer codes, DataFolder data, TimeProvider? timeProvider = null) =>
        new(store, new StatisticsContext(codes, ProviderRegister.Load(data.ProvidersFile),
            LegalLimitTable.Load(Path.Combine(LegalLimitTable.DefaultDirectory, LegalLimitTable.FileName)),
            SupervisionRegions.Load(File.Exists(data.SupervisionRegionsFile) ? data.SupervisionRegionsFile : Path.Combine(LegalLimitTable.DefaultDirectory, SupervisionRegions.FileName)),
            UnitRegister.Load(data.UnitsFile),
            PopulationFile.Load(data.PopulationFile),
            SyndromeCatalogue.Load(SyndromeCatalogue.DefaultDirectory)),
            DisclosureRules.Default, timeProvider);
}
