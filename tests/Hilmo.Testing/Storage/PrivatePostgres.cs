using System.Diagnostics;
using Npgsql;

namespace Hilmo.Testing.Storage;

/// <summary>
/// A PostgreSQL cluster of one test alone, that the test may stop and start again: its own data
/// folder and port (the assembly's shared <see cref="PostgresCluster"/> serves other tests and must
/// not go down). <see cref="StopAsync"/> stops it as a crash does (<c>pg_ctl stop -m immediate</c>),
/// <see cref="StartAsync"/> starts it again on the same port. Disposing stops it and removes its folder.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Database = "hilmo_fault";

    private readonly string binaries;
    private readonly string folder;
    private readonly bool runAsPostgres;
    private readonly bool removeFolder;
    private string settings = string.Empty;

    private PrivatePostgres(string binaries, string folder, bool removeFolder)
    {
        this.binaries = binaries;
        this.folder = folder;
        this.removeFolder = removeFolder;
        runAsPostgres = Environment.UserName == "root";
    }

    public int Port { get; private set; }

    /// <summary>The data folder of the cluster.</summary>
    public string DataFolder => Path.Combine(folder, "data");

    /// <summary>The log of the server, for a test's message when something went wrong.</summary>
    public string Log => File.Exists(Path.Combine(folder, "server.log")) ? File.ReadAllText(Path.Combine(folder, "server.log")) : string.Empty;

    /// <summary>A connection string to the cluster's database, with short timeouts (a test waits for nothing long).</summary>
    public string ConnectionString => Connection(Database);

    /// <summary>Makes and starts a cluster; in <paramref name="parent"/> (a small disk, say) or a new temporary folder.</summary>
    public static async Task<PrivatePostgres> CreateAsync(string? parent = null)
    {
        var binaries = PostgresCluster.FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL fault tests need the server programs initdb and pg_ctl, on PATH or in /usr/lib/postgresql/*/bin.");
        var folder = parent is null ? Directory.CreateTempSubdirectory("hilmo-postgres-fault-").FullName : Directory.CreateDirectory(Path.Combine(parent, "postgres")).FullName;
        var cluster = new PrivatePostgres(binaries, folder, removeFolder: parent is null);
        try
        {
            if (cluster.runAsPostgres)
            {
                await cluster.RunAsync("chown", ["postgres:postgres", folder], direct: true);
                if (parent is not null)
                {
                    await cluster.RunAsync("chown", ["postgres:postgres", parent], direct: true);
                }
            }

            await cluster.RunAsync("initdb", ["-D", cluster.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
            for (var attempt = 1; ; attempt++)
            {
                cluster.Port = PostgresCluster.FreePort();
                cluster.settings = string.Join(' ',
                    $"-p {cluster.Port}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories={folder}",
                    "-c fsync=off", "-c full_page_writes=off", "-c max_connections=100",
                    "-c shared_buffers=16MB");
                if (await cluster.StartOnceAsync(allowFailure: attempt < 3))
                {
                    break;
                }
            }

            await using var connection = new NpgsqlConnection(cluster.Connection("postgres"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await command.ExecuteNonQueryAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server as a crash would: no checkpoint, every connection cut.</summary>
    public Task StopAsync() => RunAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);

    /// <summary>Starts the server again, on the same port; it recovers from its log first.</summary>
    public async Task StartAsync() => await StartOnceAsync(allowFailure: false);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            await RunAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"], allowFailure: true);
        }

        if (removeFolder)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task<bool> StartOnceAsync(bool allowFailure) =>
        RunAsync("pg_ctl", ["-D", DataFolder, "-l", Path.Combine(folder, "server.log"), "-o", settings, "-w", "-t", "30", "start"], allowFailure);

    // Short timeouts: a test of a stopped server must fail fast, never hang.
    private string Connection(string database) => PostgresCluster.LoopbackConnection(Port, database, timeout: 5, commandTimeout: 30);

    private async Task<bool> RunAsync(string program, string[] arguments, bool allowFailure = false, bool direct = false)
    {
        var path = direct ? program : Path.Combine(binaries, program);
        var start = runAsPostgres && !direct
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", path, .. arguments])
            : new ProcessStartInfo(path, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = folder;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await output}\n{await error}\n{Log}");
        }

        return process.ExitCode == 0;
    }
}
