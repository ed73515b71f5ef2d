using System.Runtime.CompilerServices;
using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Sql;
using Hilmo.Validation;
using Npgsql;
using NpgsqlTypes;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// The register store on a PostgreSQL server: the same contract, semantics and report relations
/// as the embedded store, for many users, replicas and backups. Every operation takes a pooled
/// connection of its own; submissions are copied in parallel and their commits take turns
/// through one locked row (<see cref="UnitMerge.TakeClock"/>), so several processes may share
/// one database. The store's tables live in the schema the connection string's search path names
/// (<c>public</c> by default).
/// </summary>
public sealed partial class PostgresRegisterStore : IRegisterStore
{
    /// <summary>One receipt time from the store's clock: later than every earlier one, to the microsecond. <c>$1</c> now.</summary>
    internal const string NextReceipt = """
        UPDATE register_clock SET last_receipt = greatest($1, last_receipt + interval '1 microsecond') RETURNING last_receipt
        """;

    private readonly TimeProvider timeProvider;

    private PostgresRegisterStore(NpgsqlDataSource dataSource, NpgsqlDataSource writers, NpgsqlDataSource reports, TimeProvider timeProvider)
    {
        DataSource = dataSource;
        Writers = writers;
        Reports = reports;
        this.timeProvider = timeProvider;
        Codes = new CodeIds(dataSource);
    }

    internal NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Connections for submissions, with room for a unit in memory: a unit of 65,536 versions
    /// fills some 30 MB of temporary tables, and PostgreSQL's defaults (8 MB of temporary
    /// buffers, 4 MB to sort or hash) would send both to disk. Set at connection start, because
    /// <c>temp_buffers</c> cannot change once a session has used a temporary table.
    /// </summary>
    internal NpgsqlDataSource Writers { get; }

    /// <summary>Connections for report queries, apart from everything else (see <see cref="PostgresReportLimits"/>).</summary>
    internal NpgsqlDataSource Reports { get; }

    internal CodeIds Codes { get; }

    internal MonthlyPartitions Partitions { get; } = new();

    /// <summary>Which record keys the store perhaps holds; refreshed by each commit under the clock lock.</summary>
    internal StoredKeyFilter Keys { get; } = new();

    /// <summary>Connects to the database of <paramref name="connectionString"/> and brings its schema to this program's version.</summary>
    public static async Task<PostgresRegisterStore> OpenAsync(string connectionString, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        await OpenAsync(connectionString, PostgresReportLimits.Default, timeProvider, cancellationToken).ConfigureAwait(false);

    /// <summary>Connects to the database of <paramref name="connectionString"/>, reports bounded by <paramref name="reportLimits"/>, and brings its schema to this program's version.</summary>
    public static async Task<PostgresRegisterStore> OpenAsync(string connectionString, PostgresReportLimits reportLimits, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reportLimits);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Writers keep a unit's staging in memory and sort it there. Their statements are
        // sub-second set operations whose row estimates over temporary tables without statistics
        // can be far too high, which once had PostgreSQL spend 1.2 s compiling a 0.2 s statement
        // with LLVM: no JIT for them.
        builder.Options = $"{builder.Options} -c temp_buffers=256MB -c work_mem=128MB -c jit=off".Trim();
        var writers = NpgsqlDataSource.Create(builder.ConnectionString);
        var reportBuilder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Max(1, reportLimits.Connections) };
        var timeout = (long)Math.Max(1, reportLimits.StatementTimeout.TotalMilliseconds);
        reportBuilder.Options = $"{reportBuilder.Options} -c statement_timeout={timeout} -c work_mem={reportLimits.WorkMem.Replace(" ", "", StringComparison.Ordinal)}".Trim();
        var reports = NpgsqlDataSource.Create(reportBuilder.ConnectionString);
        try
        {
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                await PostgresSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            var store = new PostgresRegisterStore(dataSource, writers, reports, timeProvider ?? TimeProvider.System);
            await store.Codes.LoadAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            await writers.DisposeAsync().ConfigureAwait(false);
            await reports.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Now, to the microsecond PostgreSQL keeps (truncated, as the embedded store does, not rounded).</summary>
    internal DateTimeOffset Now()
    {
        var now = timeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
    }

    public async Task<ISubmissionWriter> BeginSubmissionAsync(SubmissionInfo info, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = DataSource.CreateCommand($"""
                WITH clock AS ({NextReceipt})
                INSERT INTO submissions (submission_id, received_at, source, format, submitter)
                SELECT nextval('submission_ids'), last_receipt, $2, $3, $4 FROM clock
                RETURNING submission_id
                """);
            command.Parameters.Add(Timestamp(Now().UtcDateTime));
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = info.Source });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = info.Format });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)info.Submitter ?? DBNull.Value });
            var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            WriteFaults.Succeeded();
            return new PostgresSubmissionWriter(this, id);
        }
        catch (Exception exception) when (Failed(exception, write: true) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task<SubmissionSummary?> GetSubmissionAsync(long submissionId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = DataSource.CreateCommand("""
                SELECT source, format, submitter, received_at, completed_at, received, accepted, rejected, duplicates
                FROM submissions WHERE submission_id = $1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = submissionId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return ReadSummary(reader, submissionId, 0);
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task<IReadOnlyList<SubmissionSummary>> ListSubmissionsAsync(string submitter, int limit = 100, CancellationToken cancellationToken = default)
    {
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegative(limit);
            await using var command = DataSource.CreateCommand("""
                SELECT submission_id, source, format, submitter, received_at, completed_at, received, accepted, rejected, duplicates
                FROM submissions WHERE submitter = $1 ORDER BY submission_id DESC LIMIT $2
                """);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = submitter });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (long)limit });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var summaries = new List<SubmissionSummary>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                summaries.Add(ReadSummary(reader, reader.GetInt64(0), 1));
            }

            return summaries;
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <summary>A submission's summary from the columns source, format, submitter, received_at, completed_at and the four counts, from <paramref name="first"/> on.</summary>
    private static SubmissionSummary ReadSummary(NpgsqlDataReader reader, long submissionId, int first)
    {
        var info = new SubmissionInfo(reader.GetString(first), reader.GetString(first + 1), reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2));
        var counts = reader.IsDBNull(first + 5) ? null
            : new SubmissionCounts(reader.GetInt64(first + 5), reader.GetInt64(first + 6), reader.GetInt64(first + 7), reader.GetInt64(first + 8));
        return new SubmissionSummary(submissionId, info, Utc(reader.GetDateTime(first + 3)),
            reader.IsDBNull(first + 4) ? null : Utc(reader.GetDateTime(first + 4)), counts);
    }

    public async Task<IReadOnlyList<Finding>> GetFindingsAsync(long submissionId, long offset = 0, int limit = 1000, CancellationToken cancellationToken = default)
    {
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfNegative(limit);
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await SubmissionFindings.ReadAsync(connection, submissionId, offset, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task<StoredVersion?> GetCurrentAsync(RecordKey key, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        try
        {
            if (await Codes.FindAsync(CodeDomain.Provider, key.Provider, cancellationToken).ConfigureAwait(false) is not { } provider)
            {
                return null;
            }

            var (filter, parameters) = CurrentFilter(asOf);
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var versions = await StoredVersionReader.ReadAsync(connection, Codes,
                $"{filter} AND v.provider = @provider AND v.record_id = @record AND v.register = @register",
                [.. parameters, new NpgsqlParameter("provider", provider), new NpgsqlParameter("record", key.RecordId), new NpgsqlParameter("register", (short)key.Register)], cancellationToken).ConfigureAwait(false);
            return versions.Count == 0 ? null : versions[^1];
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task<IReadOnlyList<StoredVersion>> GetHistoryAsync(RecordKey key, CancellationToken cancellationToken = default)
    {
        try
        {
            if (await Codes.FindAsync(CodeDomain.Provider, key.Provider, cancellationToken).ConfigureAwait(false) is not { } provider)
            {
                return [];
            }

            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await StoredVersionReader.ReadAsync(connection, Codes, "v.provider = @provider AND v.record_id = @record AND v.register = @register",
                [new NpgsqlParameter("provider", provider), new NpgsqlParameter("record", key.RecordId), new NpgsqlParameter("register", (short)key.Register)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async IAsyncEnumerable<StoredVersion> ReadCurrentAsync(CurrentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (filter, parameters) = CurrentFilter(query.AsOf);
        filter += " AND NOT v.withdrawn";
        if (query.Provider is not null)
        {
            if (await Codes.FindAsync(CodeDomain.Provider, query.Provider, cancellationToken).ConfigureAwait(false) is not { } provider)
            {
                yield break;
            }

            filter += " AND v.provider = @provider";
            parameters = [.. parameters, new NpgsqlParameter("provider", provider)];
        }

        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long last;
        await using (var command = new NpgsqlCommand("SELECT coalesce(max(version_id), 0) FROM event_versions", connection))
        {
            last = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        // Read in ranges of version ids so that memory stays bounded whatever the register's size.
        const long range = 16_384;
        for (var low = 1L; low <= last; low += range)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = await StoredVersionReader.ReadAsync(connection, Codes, $"{filter} AND v.version_id >= @low AND v.version_id < @high",
                [.. parameters, new NpgsqlParameter("low", low), new NpgsqlParameter("high", low + range)], cancellationToken).ConfigureAwait(false);
            foreach (var version in chunk)
            {
                yield return version;
            }
        }
    }

    public async Task<RegisterCounts> CountAsync(DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var (filter, parameters) = CurrentFilter(asOf);
            await using var command = DataSource.CreateCommand($"""
                SELECT
                    (SELECT count(*) FROM event_versions v WHERE {(asOf is null ? "true" : "v.received_at <= @asof")}),
                    count(*) FILTER (WHERE NOT v.withdrawn),
                    count(*) FILTER (WHERE v.withdrawn)
                FROM event_versions v WHERE {filter}
                """);
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new RegisterCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <exception cref="ReportCapacityException">The statement ran past the reports' time or out of memory or temporary space.</exception>
    public async Task<IReadOnlyList<object?[]>> QueryReportAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        try
        {
            return await RunReportAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (!cancellationToken.IsCancellationRequested
            && exception.SqlState is PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.DiskFull)
        {
            throw new ReportCapacityException(exception.SqlState == PostgresErrorCodes.QueryCanceled
                ? "The report ran longer than a report may."
                : "The report needed more memory or temporary space than the register has free for reports.", exception);
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private async Task<IReadOnlyList<object?[]>> RunReportAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        await using var command = Reports.CreateCommand(query.Text);
        foreach (var value in query.Parameters)
        {
            command.Parameters.Add(value switch
            {
                // Every time column is a timestamp without zone (UTC receipt times, local event times).
                DateTime time => Timestamp(time),
                DateOnly date => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = date },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await StoredRows.ReportRowsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> CreateReleaseAsync(Release release, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = DataSource.CreateCommand("INSERT INTO releases (name, as_of, created_at, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = release.Name });
            command.Parameters.Add(Timestamp(release.AsOf.UtcDateTime));
            command.Parameters.Add(Timestamp(release.CreatedAt.UtcDateTime));
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)release.CreatedBy ?? DBNull.Value });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (Exception exception) when (Failed(exception, write: true) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task<Release?> GetReleaseAsync(string name, CancellationToken cancellationToken = default) =>
        (await ReadReleasesAsync("WHERE name = $1", name, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<Release>> ListReleasesAsync(CancellationToken cancellationToken = default) =>
        ReadReleasesAsync("", null, cancellationToken);

    private async Task<IReadOnlyList<Release>> ReadReleasesAsync(string filter, string? name, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = DataSource.CreateCommand($"SELECT name, as_of, created_at, created_by FROM releases {filter} ORDER BY created_at, name");
            if (name is not null)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = name });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var releases = new List<Release>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                releases.Add(new Release(reader.GetString(0), Utc(reader.GetDateTime(1)), Utc(reader.GetDateTime(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            return releases;
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        await Writers.DisposeAsync().ConfigureAwait(false);
        await Reports.DisposeAsync().ConfigureAwait(false);
    }

    private static (string Filter, NpgsqlParameter[] Parameters) CurrentFilter(DateTimeOffset? asOf) => asOf is { } t
        ? ("v.current_from <= @asof AND (v.current_until IS NULL OR v.current_until > @asof)", [Timestamp(t.UtcDateTime, "asof")])
        : ("v.current_from IS NOT NULL AND v.current_until IS NULL", []);

    /// <summary>A <c>timestamp</c> parameter: the value as it reads, whatever its kind (receipt times are UTC by convention).</summary>
    internal static NpgsqlParameter Timestamp(DateTime value, string name = "") => new(name, NpgsqlDbType.Timestamp)
    {
        Value = DateTime.SpecifyKind(value, DateTimeKind.Unspecified),
    };

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
