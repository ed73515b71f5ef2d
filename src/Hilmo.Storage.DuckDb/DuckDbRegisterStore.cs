using System.Globalization;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Sql;
using Hilmo.Validation;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// The embedded register store: one DuckDB file. Writes go through one connection, one unit at a
/// time; reads open their own connections and see committed data only.
/// </summary>
public sealed partial class DuckDbRegisterStore : IRegisterStore
{
    /// <summary>Room the health check asks the disk for before it says writes would succeed again: a few of DuckDB's 256 KiB blocks.</summary>
    private const int SpaceProbeBytes = 1 << 20;

    private readonly string connectionString;
    private readonly DuckDbStoreOptions options;
    private readonly TimeProvider timeProvider;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private DuckDBConnection writer;
    private Lazy<StoredVersionFilter> versionFilter;
    private DateTime lastReceipt;

    /// <summary>A fatal error invalidated the database: the writer must open it again before any use (<see cref="EnsureWritable"/>).</summary>
    private volatile bool invalidated;

    private DuckDbRegisterStore(string connectionString, DuckDBConnection writer, DuckDbStoreOptions options, TimeProvider timeProvider)
    {
        this.connectionString = connectionString;
        this.options = options;
        this.writer = writer;
        this.timeProvider = timeProvider;
        lastReceipt = DateTime.MinValue;
        (Codes, versionFilter) = Attach(writer);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; private init; } = string.Empty;

    internal CodeDictionary Codes { get; private set; }

    /// <summary>Whether the latest write failed for want of room, memory or a usable database.</summary>
    internal StoreWriteFaults WriteFaults { get; } = new();

    /// <summary>
    /// Which (provider, record id, update time) the store perhaps holds; see <see cref="StoredVersionFilter"/>.
    /// Built on the first write, since reading every key takes seconds on a national year and a
    /// store opened for reports or releases never needs it.
    /// </summary>
    internal StoredVersionFilter Filter => versionFilter.Value;

    /// <summary>The one connection that writes; hold the writer (<see cref="AcquireWriterAsync"/>) to use it.</summary>
    internal DuckDBConnection Writer => writer;

    internal long NextVersionId { get; set; }

    internal long NextSubmissionId { get; set; }

    /// <summary>Opens the store in <paramref name="databasePath"/>, creating the file and its tables if needed.</summary>
    public static DuckDbRegisterStore Open(string databasePath, DuckDbStoreOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= DuckDbStoreOptions.Default;
        var full = Path.GetFullPath(databasePath);
        DuckDbFileRights.Restrict(full);
        var connectionString = $"Data Source={full}";
        var connection = OpenWriter(connectionString, options);
        try
        {
            DuckDbFileRights.Restrict(full);
            return new DuckDbRegisterStore(connectionString, connection, options, timeProvider ?? TimeProvider.System) { DatabasePath = full };
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The write connection with the store's settings, tables and staging tables.</summary>
    private static DuckDBConnection OpenWriter(string connectionString, DuckDbStoreOptions options)
    {
        var connection = new DuckDBConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"SET memory_limit = '{Setting(options.MemoryLimit)}'");
            Execute(connection, $"SET checkpoint_threshold = '{Setting(options.CheckpointThreshold)}'");
            if (options.Threads is { } threads)
            {
                Execute(connection, $"SET threads = {threads.ToString(CultureInfo.InvariantCulture)}");
            }

            Schema.Create(connection);
            Staging.Create(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>What the writer derives from the stored data: code ids, the version filter, the next ids and the last receipt time.</summary>
    private (CodeDictionary Codes, Lazy<StoredVersionFilter> Filter) Attach(DuckDBConnection connection)
    {
        var codes = CodeDictionary.Load(connection);
        var filter = new Lazy<StoredVersionFilter>(() => StoredVersionFilter.Build(connection));
        NextVersionId = Scalar<long>(connection, "SELECT coalesce(max(version_id), 0) + 1 FROM event_versions");
        NextSubmissionId = Scalar<long>(connection, "SELECT coalesce(max(submission_id), 0) + 1 FROM submissions");
        var stored = Scalar<DateTime?>(connection, "SELECT max(received_at) FROM event_versions") ?? DateTime.MinValue;
        lastReceipt = stored > lastReceipt ? stored : lastReceipt;
        return (codes, filter);
    }

    public async Task<ISubmissionWriter> BeginSubmissionAsync(SubmissionInfo info, CancellationToken cancellationToken = default)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureWritable();
            var id = NextSubmissionId;
            using var command = writer.CreateCommand();
            command.CommandText = "INSERT INTO submissions (submission_id, received_at, source, format, submitter) VALUES ($1, $2, $3, $4, $5)";
            command.Parameters.Add(new DuckDBParameter(id));
            command.Parameters.Add(new DuckDBParameter(NextReceiptTime()));
            command.Parameters.Add(new DuckDBParameter(info.Source));
            command.Parameters.Add(new DuckDBParameter(info.Format));
            command.Parameters.Add(new DuckDBParameter((object?)info.Submitter ?? DBNull.Value));
            command.ExecuteNonQuery();
            NextSubmissionId++;
            return new DuckDbSubmissionWriter(this, id);
        }
        catch (Exception exception) when (WriteFailed(exception) is { } unavailable)
        {
            throw unavailable;
        }
        finally
        {
            writeLock.Release();
        }
    }

    public async Task<SubmissionSummary?> GetSubmissionAsync(long submissionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT source, format, submitter, received_at, completed_at, received, accepted, rejected, duplicates
            FROM submissions WHERE submission_id = $1
            """;
        command.Parameters.Add(new DuckDBParameter(submissionId));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return ReadSummary(reader, submissionId, 0);
    }

    public async Task<IReadOnlyList<SubmissionSummary>> ListSubmissionsAsync(string submitter, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT submission_id, source, format, submitter, received_at, completed_at, received, accepted, rejected, duplicates
            FROM submissions WHERE submitter = $1 ORDER BY submission_id DESC LIMIT $2
            """;
        command.Parameters.Add(new DuckDBParameter(submitter));
        command.Parameters.Add(new DuckDBParameter(limit));
        using var reader = command.ExecuteReader();
        var summaries = new List<SubmissionSummary>();
        while (reader.Read())
        {
            summaries.Add(ReadSummary(reader, reader.GetInt64(0), 1));
        }

        return summaries;
    }

    /// <summary>A submission's summary from the columns source, format, submitter, received_at, completed_at and the four counts, starting at <paramref name="first"/>.</summary>
    private static SubmissionSummary ReadSummary(System.Data.Common.DbDataReader reader, long submissionId, int first)
    {
        var info = new SubmissionInfo(reader.GetString(first), reader.GetString(first + 1), reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2));
        var counts = reader.IsDBNull(first + 5) ? null
            : new SubmissionCounts(reader.GetInt64(first + 5), reader.GetInt64(first + 6), reader.GetInt64(first + 7), reader.GetInt64(first + 8));
        return new SubmissionSummary(submissionId, info, Utc(reader.GetDateTime(first + 3)),
            reader.IsDBNull(first + 4) ? null : Utc(reader.GetDateTime(first + 4)), counts);
    }

    public async Task<IReadOnlyList<Finding>> GetFindingsAsync(long submissionId, long offset = 0, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return SubmissionFindings.Read(connection, submissionId, offset, limit);
    }

    public async Task<StoredVersion?> GetCurrentAsync(RecordKey key, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var (filter, parameters) = CurrentFilter(asOf);
        var versions = StoredVersionReader.Read(connection, Codes.Published,
            $"{filter} AND v.provider = (SELECT code_id FROM code_values WHERE code_system = 'tuottaja' AND code = $k1) AND v.record_id = $k2 AND v.register = $k3",
            [.. parameters, new DuckDBParameter("k1", key.Provider), new DuckDBParameter("k2", key.RecordId), new DuckDBParameter("k3", (byte)key.Register)]);
        return versions.Count == 0 ? null : versions[^1];
    }

    public async Task<IReadOnlyList<StoredVersion>> GetHistoryAsync(RecordKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return StoredVersionReader.Read(connection, Codes.Published,
            "v.provider = (SELECT code_id FROM code_values WHERE code_system = 'tuottaja' AND code = $k1) AND v.record_id = $k2 AND v.register = $k3",
            [new DuckDBParameter("k1", key.Provider), new DuckDBParameter("k2", key.RecordId), new DuckDBParameter("k3", (byte)key.Register)]);
    }

    public async IAsyncEnumerable<StoredVersion> ReadCurrentAsync(CurrentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var (filter, parameters) = CurrentFilter(query.AsOf);
        filter += " AND NOT v.withdrawn";
        if (query.Provider is not null)
        {
            filter += " AND v.provider = (SELECT code_id FROM code_values WHERE code_system = 'tuottaja' AND code = $provider)";
            parameters = [.. parameters, new DuckDBParameter("provider", query.Provider)];
        }

        // Read in ranges of version ids so that memory stays bounded whatever the register's size.
        const long range = 16_384;
        var last = Scalar<long>(connection, "SELECT coalesce(max(version_id), 0) FROM event_versions");
        for (var low = 1L; low <= last; low += range)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = StoredVersionReader.Read(connection, Codes.Published,
                $"{filter} AND v.version_id >= {low.ToString(CultureInfo.InvariantCulture)} AND v.version_id < {(low + range).ToString(CultureInfo.InvariantCulture)}",
                parameters);
            foreach (var version in chunk)
            {
                yield return version;
            }
        }
    }

    public async Task<RegisterCounts> CountAsync(DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var (filter, parameters) = CurrentFilter(asOf);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT
                (SELECT count(*) FROM event_versions v WHERE {(asOf is null ? "true" : "v.received_at <= $asof")}),
                count(*) FILTER (WHERE NOT v.withdrawn),
                count(*) FILTER (WHERE v.withdrawn)
            FROM event_versions v WHERE {filter}
            """;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        using var reader = command.ExecuteReader();
        reader.Read();
        return new RegisterCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <exception cref="ReportCapacityException">The query needed more memory than DuckDB's limit left it.</exception>
    public async Task<IReadOnlyList<object?[]>> QueryReportAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = query.Text;
        foreach (var parameter in query.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter));
        }

        try
        {
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await StoredRows.ReportRowsAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDBException exception) when (exception.ErrorType == DuckDB.NET.Native.DuckDBErrorType.OutOfMemory)
        {
            // Hash tables spill to the temp folder, but distinct counts and percentiles keep
            // their states in memory: too many of those at once is a busy register, not a bug.
            throw new ReportCapacityException("The report needed more memory than the register has free for reports.", exception);
        }
    }

    public Task<bool> CreateReleaseAsync(Release release, CancellationToken cancellationToken = default) => WriteAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO releases (name, as_of, created_at, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
        command.Parameters.Add(new DuckDBParameter(release.Name));
        command.Parameters.Add(new DuckDBParameter(release.AsOf.UtcDateTime));
        command.Parameters.Add(new DuckDBParameter(release.CreatedAt.UtcDateTime));
        command.Parameters.Add(new DuckDBParameter((object?)release.CreatedBy ?? DBNull.Value));
        return command.ExecuteNonQuery() == 1;
    }, cancellationToken);

    public async Task<Release?> GetReleaseAsync(string name, CancellationToken cancellationToken = default) =>
        (await ReadReleasesAsync("WHERE name = $1", name, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<Release>> ListReleasesAsync(CancellationToken cancellationToken = default) =>
        ReadReleasesAsync("", null, cancellationToken);

    private async Task<IReadOnlyList<Release>> ReadReleasesAsync(string filter, string? name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, as_of, created_at, created_by FROM releases {filter} ORDER BY created_at, name";
        if (name is not null)
        {
            command.Parameters.Add(new DuckDBParameter(name));
        }

        using var reader = command.ExecuteReader();
        var releases = new List<Release>();
        while (reader.Read())
        {
            releases.Add(new Release(reader.GetString(0), Utc(reader.GetDateTime(1)), Utc(reader.GetDateTime(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return releases;
    }

    public async ValueTask DisposeAsync()
    {
        await writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            // A checkpoint folds the write-ahead log into the file, so the next start is quick;
            // without room (or on an invalidated database) the log stays and is replayed at the next start.
            if (!invalidated)
            {
                try
                {
                    Execute(writer, "CHECKPOINT");
                }
                catch (DuckDBException exception) when (DuckDbFaults.Classify(exception) is not null)
                {
                    // Nothing is lost: the log holds every committed unit.
                }
            }

            await writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
            writeLock.Dispose();
        }
    }

    /// <summary>Takes the store's one writer; a unit holds it from its first append to its commit.</summary>
    internal Task AcquireWriterAsync(CancellationToken cancellationToken) => writeLock.WaitAsync(cancellationToken);

    internal void ReleaseWriter() => writeLock.Release();

    /// <summary>Runs <paramref name="work"/> on the write connection, one writer at a time.</summary>
    internal async Task<T> WriteAsync<T>(Func<DuckDBConnection, T> work, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureWritable();
            var result = work(writer);
            WriteFaults.Succeeded();
            return result;
        }
        catch (Exception exception) when (WriteFailed(exception) is { } unavailable)
        {
            throw unavailable;
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>
    /// The receipt time of the next unit: now in UTC to the microsecond DuckDB keeps, and always
    /// later than the previous one, so "as of" is well defined even for units stored in the same
    /// microsecond or after the clock stepped back.
    /// </summary>
    internal DateTime NextReceiptTime()
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
        lastReceipt = now > lastReceipt ? now : lastReceipt.AddTicks(10);
        return lastReceipt;
    }

    private static (string Filter, DuckDBParameter[] Parameters) CurrentFilter(DateTimeOffset? asOf) => asOf is { } t
        ? ("v.current_from <= $asof AND (v.current_until IS NULL OR v.current_until > $asof)",
            [new DuckDBParameter("asof", t.UtcDateTime)])
        : ("v.current_from IS NOT NULL AND v.current_until IS NULL", []);

    private async Task<DuckDBConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ThrowIfInvalidated();
        var connection = new DuckDBConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>A size setting as DuckDB reads it; the value is configuration, never data, but quotes are dropped all the same.</summary>
    private static string Setting(string value) => value.Replace("'", "", StringComparison.Ordinal);

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }
}
