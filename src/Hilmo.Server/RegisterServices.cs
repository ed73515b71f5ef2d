using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Codes;
using Hilmo.Ingest;
using Hilmo.Statistics;
using Hilmo.Storage;
using Hilmo.Subjects;

namespace Hilmo.Server;

/// <summary>
/// The register's parts, assembled by the host (<c>hilmo serve</c>, or a test): the server itself
/// never opens a key file or a database, so it runs the same on any store and any key store.
/// </summary>
/// <param name="Codes">The code server.</param>
/// <param name="Store">The register store.</param>
/// <param name="Pseudonymiser">Turns identity codes into provider pseudonyms; the only part that sees them.</param>
/// <param name="Keys">The access keys.</param>
/// <param name="Audit">The tamper-evident log of who did what.</param>
/// <param name="Time">The clock.</param>
/// <param name="Statistics">Reports over the store.</param>
/// <param name="SubjectKeys">Derives a person's pseudonyms for a data-subject request; with the pseudonymiser, the only part that sees identity codes.</param>
/// <param name="SubjectRequests">Answers data-subject requests over the store and the audit log.</param>
public sealed record RegisterServices(
    CodeServer Codes,
    IRegisterStore Store,
    IPseudonymiser Pseudonymiser,
    IAccessKeys Keys,
    IAuditLog Audit,
    TimeProvider Time,
    StatisticsService Statistics,
    ISubjectKeySource SubjectKeys,
    SubjectRequests SubjectRequests);
