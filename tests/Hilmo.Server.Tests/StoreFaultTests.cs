using System.Net;
using Hilmo.Access;
using Hilmo.Testing;

namespace Hilmo.Server.Tests;

/// <summary>
/// The server over a store that fails: a full disk (a small tmpfs under the data folder) answers
/// 507 with a problem document and Retry-After, never 500 or a hang, stores nothing, tells
/// <c>/healthz</c>, and the server stores again by itself once there is room. The data folder is owner-only.
/// </summary>
public sealed class StoreFaultTests
{
    [Fact]
    public async Task A_full_disk_answers_507_stores_nothing_and_the_server_stores_again_when_room_returns()
    {
        using var disk = SmallDisk.Mount(32);
        await using var server = await ServerHarness.StartAsync(folder: Path.Combine(disk.Path, "data"));
        var client = server.Client(server.Key(Role.Register));
        disk.Fill();

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            using var full = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
                Bodies.Content(Bodies.Ndjson(200, $"1.2.246.10.2345678.10.2026.full{attempt}.")), timeout.Token);
            Assert.Equal(HttpStatusCode.InsufficientStorage, full.StatusCode);
            Assert.Equal("application/problem+json", full.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(full.Headers.RetryAfter);
            Assert.Contains("out-of-space", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{\"status\":\"Healthy\"", await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)), StringComparison.Ordinal);

        disk.Free();
        Assert.StartsWith("{\"status\":\"Healthy\"", await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)), StringComparison.Ordinal);
        using var after = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
            Bodies.Content(Bodies.Ndjson(200, "1.2.246.10.2345678.10.2026.after.")));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(200, (await server.Register.Services.Store.CountAsync()).Records);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task After_serve_every_file_and_folder_of_the_data_folder_is_owner_only_an_older_readable_one_too()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
            return;
        }

        var folder = Directory.CreateTempSubdirectory("hilmo-rights-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(folder, "providers.csv"), "code,name_fi,name_sv,name_en,county\n");
        File.SetUnixFileMode(Path.Combine(folder, "providers.csv"), (UnixFileMode)0b110_100_100);
        await using (var server = await ServerHarness.StartAsync(folder: folder))
        {
            var client = server.Client(server.Key(Role.Register));
            using var stored = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(Bodies.Ndjson(10)));
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
            const UnixFileMode GroupOrOther = (UnixFileMode)0b000_111_111;
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(folder) & GroupOrOther);
            Assert.All(Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories),
                entry => Assert.True((File.GetUnixFileMode(entry) & GroupOrOther) == UnixFileMode.None, $"{Path.GetRelativePath(folder, entry)} is {File.GetUnixFileMode(entry)}"));
        }
    }
}
