using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hilmo.Testing.Storage;

/// <summary>
/// A PostgreSQL server for the tests. With <c>HILMO_TEST_POSTGRES</c> set, the server it names;
/// otherwise a throw-away cluster of the tests' own: <c>initdb</c> in a temporary folder, started
/// with <c>pg_ctl</c> on 127.0.0.1 and a free port, stopped and removed when the test assembly
/// finishes. Each store of a test gets a schema of its own (<see cref="CreateStoreAsync"/>), so tests stay
/// independent and run in parallel. Register it with <c>[assembly: AssemblyFixture(typeof(PostgresCluster))]</c>.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    public const string ConnectionVariable = "HILMO_TEST_POSTGRES";

    private const string Database = "hilmo_tests";

    private string? folder;
    private string? binaries;
    private bool runAsPostgres;
    private int schemas;
    private readonly List<string> created = [];

    /// <summary>The cluster of the running test assembly, once started; for tests that choose their engine in theory data.</summary>
    public static PostgresCluster? Current { get; private set; }

    /// <summary>A connection string of a user who may make schemas and roles, to the tests' database.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } given)
        {
            AdminConnectionString = given;
        }
        else
        {
            await StartAsync();
            await using var connection = new NpgsqlConnection(Connection("postgres"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await command.ExecuteNonQueryAsync();
            AdminConnectionString = Connection(Database);
        }

        Current = this;
    }

    /// <summary>
    /// A connection string for a new, empty store: the tests' database with a search path of a new
    /// schema, so the store's tables, views and functions are the test's alone.
    /// </summary>
    public async Task<string> CreateStoreAsync()
    {
        var schema = $"store_{Environment.ProcessId}_{Interlocked.Increment(ref schemas)}";
        lock (created)
        {
            created.Add(schema);
        }

        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { SearchPath = schema }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        Current = null;
        NpgsqlConnection.ClearAllPools();
        if (folder is null && AdminConnectionString.Length > 0)
        {
            // A server of someone else's: leave it as it was found.
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            foreach (var schema in created)
            {
                await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        if (folder is not null)
        {
            await RunAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], allowFailure: true);
            Directory.Delete(folder, recursive: true);
        }
    }

    private string Connection(string database) => LoopbackConnection(Port, database, timeout: 30, commandTimeout: 300);

    /// <summary>A connection as <c>postgres</c> to a test cluster on 127.0.0.1, never any other address.</summary>
    internal static string LoopbackConnection(int port, string database, int timeout, int commandTimeout) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = "postgres",
        Database = database,
        MaxPoolSize = 20,
        Timeout = timeout,
        CommandTimeout = commandTimeout,
    }.ConnectionString;

    private int Port { get; set; }

    private async Task StartAsync()
    {
        binaries = FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL tests need the server programs initdb and pg_ctl, on PATH or in /usr/lib/postgresql/*/bin. "
            + "Install them (Debian: apt-get install postgresql; ./test.sh does so when it may), "
            + $"or set {ConnectionVariable} to the connection string of a server to test against.");

        // initdb refuses to run as root: then the cluster belongs to the postgres user.
        runAsPostgres = Environment.UserName == "root";
        folder = Directory.CreateTempSubdirectory("hilmo-postgres-").FullName;
        if (runAsPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", folder], direct: true);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);

        // A free port is only free until someone takes it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var settings = string.Join(' ',
                $"-p {Port}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories={folder}",
                "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300",
                "-c shared_buffers=128MB");
            var started = await RunAsync("pg_ctl", ["-D", data, "-l", Path.Combine(folder, "server.log"), "-o", settings, "-w", "-t", "60", "start"], allowFailure: attempt < 3);
            if (started)
            {
                return;
            }
        }
    }

    /// <summary>The folder of initdb and pg_ctl: on PATH, or Debian's newest /usr/lib/postgresql/*/bin; null when there is none.</summary>
    internal static string? FindBinaries()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                return directory;
            }
        }

        // Debian installs the server programs beside its version, not on PATH.
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var version) ? version : 0)
                .FirstOrDefault()
            : null;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a server program (as the postgres user when the tests run as root); false when it failed and <paramref name="allowFailure"/>.</summary>
    private async Task<bool> RunAsync(string program, string[] arguments, bool allowFailure = false, bool direct = false)
    {
        var path = direct ? program : Path.Combine(binaries!, program);
        var start = runAsPostgres && !direct
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", path, .. arguments])
            : new ProcessStartInfo(path, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = folder ?? Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
        {
            var log = folder is not null && File.Exists(Path.Combine(folder, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "server.log")) : "";
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await output}\n{await error}\n{log}");
        }

        return process.ExitCode == 0;
    }
}
