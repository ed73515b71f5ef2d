using System.Collections.Immutable;
using System.Data.Common;
using Hilmo.Notifications;
using Npgsql;

namespace Hilmo.Storage.Postgres;

/// <summary>Reads stored versions back into the record model, decoding value ids and gathering the repeating groups.</summary>
internal static class StoredVersionReader
{
    private const string Columns = """
        v.version_id, v.submission_id, v.received_at, v.record_id, v.updated_at, v.withdrawn, v.content_hash,
        v.pseudonym, v.key_version, v.age, v.sex, v.temporary_identity,
        v.provider, v.home_municipality, v.postal_code, v.unit, v.contact_at,
        v.assessed_at, v.assessment_profession, v.assessment_urgency, v.assessment_nature, v.assessment_first_visit, v.assessment_result,
        v.booked_at, v.booked_for,
        v.visit_start, v.visit_end, v.visit_profession, v.visit_professional, v.visit_service_form, v.visit_contact_type,
        v.visit_visitor_group, v.visit_urgency, v.visit_nature, v.visit_first_visit,
        v.cancelled_at, v.cancellation_reason, v.register, v.arrival_age, v.arrival_year_end_age, v.event_year_end_age
        """;

    /// <summary>The versions matching <paramref name="filter"/> (a condition on <c>v</c> with <c>@name</c> parameters), in order of version id.</summary>
    public static async Task<List<StoredVersion>> ReadAsync(NpgsqlConnection connection, CodeIds codes, string filter, IReadOnlyList<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        var rows = new List<(long VersionId, long SubmissionId, DateTime ReceivedAt, Notification Record, ClientIdentity? Client, ulong Hash)>();
        await using (var command = Command(connection, $"SELECT {Columns} FROM event_versions v WHERE {filter} ORDER BY v.version_id", parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(ReadRow(reader, codes));
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        var reasons = await ChildrenAsync(connection, 0, filter, parameters, r => new VisitReason
        {
            Icd10 = Code(codes, r, 2), ExternalCause = Code(codes, r, 3), AccidentType = Code(codes, r, 4), Icpc2 = Code(codes, r, 5),
        }, cancellationToken).ConfigureAwait(false);
        var procedures = await ChildrenAsync(connection, 1, filter, parameters, r => new Procedure
        {
            Spat = Code(codes, r, 2), OralProcedure = Code(codes, r, 3), Tooth = Code(codes, r, 4),
        }, cancellationToken).ConfigureAwait(false);
        var medications = await ChildrenAsync(connection, 2, filter, parameters, r => new Medication
        {
            Atc = Code(codes, r, 2), AtcDescription = Text(r, 3), PackageNumber = Text(r, 4), TradeName = Text(r, 5),
            PrescribedAt = Time(r, 6), Vaccination = r.IsDBNull(7) ? null : r.GetBoolean(7), BatchNumber = Text(r, 8),
            DoseNumber = Text(r, 9), Route = Code(codes, r, 10), InjectionSite = Code(codes, r, 11),
        }, cancellationToken).ConfigureAwait(false);
        var healthFactors = await ChildrenAsync(connection, 3, filter, parameters, r => new HealthFactors
        {
            DecayedPermanentTeeth = Small(r, 1), MissingPermanentTeeth = Small(r, 2), FilledPermanentTeeth = Small(r, 3),
            DecayedPrimaryTeeth = Small(r, 4), MissingPrimaryTeeth = Small(r, 5), FilledPrimaryTeeth = Small(r, 6),
            GumStatus = Text(r, 7), WeightGrams = r.IsDBNull(8) ? null : r.GetInt32(8),
            HeightMillimetres = r.IsDBNull(9) ? null : r.GetInt32(9), Smoking = Code(codes, r, 10),
        }, cancellationToken).ConfigureAwait(false);
        var followUps = await ChildrenAsync(connection, 4, filter, parameters, r => Code(codes, r, 2)!, cancellationToken).ConfigureAwait(false);

        // Care periods are a few in a hundred: their tables are read only when the versions have one.
        var periods = rows.Any(row => row.Record is CarePeriod)
            ? await PeriodsAsync(connection, codes, filter, parameters, cancellationToken).ConfigureAwait(false)
            : null;

        return [.. rows.Select(row =>
        {
            if (row.Record is CarePeriod period)
            {
                return new StoredVersion(row.VersionId, row.SubmissionId, PostgresRegisterStore.Utc(row.ReceivedAt),
                    new RegisteredNotification(periods!.Complete(row.VersionId, period, medications), row.Client, row.Hash));
            }

            var e = (ServiceEvent)row.Record with
            {
                Reasons = reasons.GetValueOrDefault(row.VersionId, []),
                Procedures = procedures.GetValueOrDefault(row.VersionId, []),
                Medications = medications.GetValueOrDefault(row.VersionId, []),
                FollowUpCare = followUps.GetValueOrDefault(row.VersionId, []),
                HealthFactors = healthFactors.TryGetValue(row.VersionId, out var factors) ? factors[0] : null,
            };
            return new StoredVersion(row.VersionId, row.SubmissionId, PostgresRegisterStore.Utc(row.ReceivedAt),
                new RegisteredNotification(e, row.Client, row.Hash));
        })];
    }

    private static (long, long, DateTime, Notification, ClientIdentity?, ulong) ReadRow(DbDataReader r, CodeIds codes)
    {
        ClientIdentity? client = null;
        if (!r.IsDBNull(7))
        {
            var bytes = r.GetFieldValue<byte[]>(7);
            client = new ClientIdentity(Pseudonym.FromBytes(bytes), r.GetInt16(8), StoredVersionRows.Ages(r, 9, 38, 39, 40), (Sex)r.GetInt16(10), r.GetBoolean(11));
        }

        var notification = StoredVersionRows.Notification(r, (Register)r.GetInt16(37), codes.ValueOf);
        return (r.GetInt64(0), r.GetInt64(1), r.GetDateTime(2), notification, client, unchecked((ulong)r.GetInt64(6)));
    }

    /// <summary>The period content of the versions matching <paramref name="filter"/>.</summary>
    private static async Task<StoredPeriodContent> PeriodsAsync(
        NpgsqlConnection connection, CodeIds codes, string filter, IReadOnlyList<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        string? Value(int id) => codes.ValueOf(id);
        var content = new Dictionary<long, CarePeriod>();
        await using (var command = Command(connection,
            $"SELECT p.version_id, v.register, {StoredPeriods.Columns} FROM period_versions p JOIN event_versions v ON v.version_id = p.version_id AND v.received_at = p.received_at WHERE {filter}",
            parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                content[reader.GetInt64(0)] = StoredPeriods.Period((Register)reader.GetInt16(1), reader, 2, Value);
            }
        }

        return new StoredPeriodContent(
            content,
            await ChildrenAsync(connection, 6, filter, parameters, r => StoredPeriods.Diagnosis(r, 2, Value), cancellationToken).ConfigureAwait(false),
            await ChildrenAsync(connection, 7, filter, parameters, r => StoredPeriods.Procedure(r, 2, Value), cancellationToken).ConfigureAwait(false),
            await ChildrenAsync(connection, 8, filter, parameters, r => Code(codes, r, 2)!, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One repeating group of the versions matching the filter, by version id, in the order the record gave them.</summary>
    private static async Task<Dictionary<long, ImmutableArray<T>>> ChildrenAsync<T>(
        NpgsqlConnection connection, int group, string filter, IReadOnlyList<NpgsqlParameter> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var (table, columns) = UnitStaging.Groups[group];
        var ordered = columns.StartsWith("ordinal", StringComparison.Ordinal);
        var result = new Dictionary<long, ImmutableArray<T>.Builder>();
        await using (var command = Command(connection,
            $"SELECT c.version_id, {columns} FROM {table} c WHERE c.version_id IN (SELECT v.version_id FROM event_versions v WHERE {filter}) ORDER BY c.version_id{(ordered ? ", c.ordinal" : string.Empty)}",
            parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var versionId = reader.GetInt64(0);
                if (!result.TryGetValue(versionId, out var items))
                {
                    result[versionId] = items = ImmutableArray.CreateBuilder<T>();
                }

                items.Add(read(reader));
            }
        }

        return result.ToDictionary(pair => pair.Key, pair => pair.Value.ToImmutable());
    }

    /// <summary>A command with copies of the parameters: a parameter object belongs to one command.</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IReadOnlyList<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }

    private static string? Code(CodeIds codes, DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : codes.ValueOf(r.GetInt32(ordinal));

    private static string? Text(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static DateTime? Time(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetDateTime(ordinal);

    private static int? Small(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt16(ordinal);
}
