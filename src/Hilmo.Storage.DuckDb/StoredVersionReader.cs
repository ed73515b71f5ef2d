using System.Collections.Immutable;
using System.Data.Common;
using DuckDB.NET.Data;
using Hilmo.Notifications;

namespace Hilmo.Storage.DuckDb;

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

    /// <summary>The versions matching <paramref name="filter"/> (a condition on <c>v</c>), in order of version id.</summary>
    public static List<StoredVersion> Read(DuckDBConnection connection, CodeDictionary.Snapshot codes, string filter, IReadOnlyList<DuckDBParameter> parameters)
    {
        var rows = new List<(long VersionId, long SubmissionId, DateTime ReceivedAt, Notification Record, ClientIdentity? Client, ulong Hash)>();
        using (var command = Command(connection, $"SELECT {Columns} FROM event_versions v WHERE {filter} ORDER BY v.version_id", parameters))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(ReadRow(reader, codes));
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        var reasons = Children(connection, "event_reasons", filter, parameters, r => new VisitReason
        {
            Icd10 = Code(codes, r, 2), ExternalCause = Code(codes, r, 3), AccidentType = Code(codes, r, 4), Icpc2 = Code(codes, r, 5),
        });
        var procedures = Children(connection, "event_procedures", filter, parameters, r => new Procedure
        {
            Spat = Code(codes, r, 2), OralProcedure = Code(codes, r, 3), Tooth = Code(codes, r, 4),
        });
        var medications = Children(connection, "event_medications", filter, parameters, r => new Medication
        {
            Atc = Code(codes, r, 2), AtcDescription = Text(r, 3), PackageNumber = Text(r, 4), TradeName = Text(r, 5),
            PrescribedAt = Time(r, 6), Vaccination = r.IsDBNull(7) ? null : r.GetBoolean(7), BatchNumber = Text(r, 8),
            DoseNumber = Text(r, 9), Route = Code(codes, r, 10), InjectionSite = Code(codes, r, 11),
        });
        var followUps = Children(connection, "event_follow_ups", filter, parameters, r => Code(codes, r, 2)!);
        var healthFactors = Children(connection, "event_health_factors", filter, parameters, r => new HealthFactors
        {
            DecayedPermanentTeeth = Small(r, 1), MissingPermanentTeeth = Small(r, 2), FilledPermanentTeeth = Small(r, 3),
            DecayedPrimaryTeeth = Small(r, 4), MissingPrimaryTeeth = Small(r, 5), FilledPrimaryTeeth = Small(r, 6),
            GumStatus = Text(r, 7), WeightGrams = r.IsDBNull(8) ? null : r.GetInt32(8),
            HeightMillimetres = r.IsDBNull(9) ? null : r.GetInt32(9), Smoking = Code(codes, r, 10),
        }, ordered: false);

        // Care periods are a few in a hundred: their tables are read only when the versions have one.
        var periods = rows.Any(row => row.Record is CarePeriod) ? Periods(connection, codes, filter, parameters) : null;

        return [.. rows.Select(row =>
        {
            if (row.Record is CarePeriod period)
            {
                return new StoredVersion(row.VersionId, row.SubmissionId, DuckDbRegisterStore.Utc(row.ReceivedAt),
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
            return new StoredVersion(row.VersionId, row.SubmissionId, DuckDbRegisterStore.Utc(row.ReceivedAt),
                new RegisteredNotification(e, row.Client, row.Hash));
        })];
    }

    private static (long, long, DateTime, Notification, ClientIdentity?, ulong) ReadRow(DbDataReader r, CodeDictionary.Snapshot codes)
    {
        ClientIdentity? client = null;
        if (!r.IsDBNull(7))
        {
            Span<byte> bytes = stackalloc byte[Pseudonym.Length];
            using (var blob = r.GetStream(7))
            {
                blob.ReadExactly(bytes);
            }

            client = new ClientIdentity(Pseudonym.FromBytes(bytes), r.GetInt16(8), StoredVersionRows.Ages(r, 9, 38, 39, 40), (Sex)r.GetByte(10), r.GetBoolean(11));
        }

        var notification = StoredVersionRows.Notification(r, (Register)r.GetByte(37), id => codes[id]);
        return (r.GetInt64(0), r.GetInt64(1), r.GetDateTime(2), notification, client, r.GetFieldValue<ulong>(6));
    }

    /// <summary>The period content of the versions matching <paramref name="filter"/>.</summary>
    private static StoredPeriodContent Periods(DuckDBConnection connection, CodeDictionary.Snapshot codes, string filter, IReadOnlyList<DuckDBParameter> parameters)
    {
        string? Value(int id) => codes[id];
        var content = new Dictionary<long, CarePeriod>();
        using (var command = Command(connection,
            $"SELECT p.version_id, v.register, {StoredPeriods.Columns} FROM period_versions p JOIN event_versions v ON v.version_id = p.version_id AND {filter}",
            parameters))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                content[reader.GetInt64(0)] = StoredPeriods.Period((Register)reader.GetByte(1), reader, 2, Value);
            }
        }

        return new StoredPeriodContent(
            content,
            Children(connection, "period_diagnoses", filter, parameters, r => StoredPeriods.Diagnosis(r, 2, Value)),
            Children(connection, "period_procedures", filter, parameters, r => StoredPeriods.Procedure(r, 2, Value)),
            Children(connection, "period_reasons", filter, parameters, r => Code(codes, r, 2)!));
    }

    private static Dictionary<long, ImmutableArray<T>> Children<T>(
        DuckDBConnection connection, string table, string filter, IReadOnlyList<DuckDBParameter> parameters, Func<DbDataReader, T> read, bool ordered = true)
    {
        var result = new Dictionary<long, ImmutableArray<T>.Builder>();
        using var command = Command(connection,
            $"SELECT c.* FROM {table} c SEMI JOIN event_versions v ON v.version_id = c.version_id AND {filter} ORDER BY c.version_id{(ordered ? ", c.ordinal" : string.Empty)}",
            parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var versionId = reader.GetInt64(0);
            if (!result.TryGetValue(versionId, out var items))
            {
                result[versionId] = items = ImmutableArray.CreateBuilder<T>();
            }

            items.Add(read(reader));
        }

        return result.ToDictionary(p => p.Key, p => p.Value.ToImmutable());
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, IReadOnlyList<DuckDBParameter> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter.ParameterName, parameter.Value));
        }

        return command;
    }

    private static string? Code(CodeDictionary.Snapshot codes, DbDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : codes[r.GetInt32(ordinal)];

    private static string? Text(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static DateTime? Time(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetDateTime(ordinal);

    private static int? Small(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt16(ordinal);
}
