using System.CommandLine;
using System.Globalization;
using Hilmo.Audit;
using Hilmo.Statistics;

namespace Hilmo.Cli.Commands;

/// <summary><c>hilmo release create NAME [--as-of TIME]</c> and <c>hilmo release list</c>: freeze the as-of time of a publication.</summary>
internal static class ReleaseCommand
{
    public static Command Create() => new("release", "Freeze the register's state for a publication, so that its figures reproduce exactly later") { CreateRelease(), List() };

    private static Command CreateRelease()
    {
        var name = new Argument<string>("NAME") { Description = "The release's name: letters, digits, '.', '-' and '_' (e.g. 2025-annual)" };
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "Receipt time to freeze (default: now)", HelpName = "TIME" };
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var command = new Command("create", "Make a release; its reports are computed as the register stood at its as-of time") { name, asOf, data, postgres };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var releaseName = parsed.GetValue(name)!;
            if (!Release.IsValidName(releaseName))
            {
                Console.Error.WriteLine("hilmo: A release name has 1 to 64 letters, digits, '.', '-' and '_'.");
                return 2;
            }

            var folder = DataFolder.Resolve(parsed.GetValue(data));
            var now = DateTimeOffset.UtcNow;
            var release = new Release(releaseName, parsed.GetValue(asOf)?.ToUniversalTime() ?? now, now, $"cli:{Environment.UserName}");
            if (release.AsOf > now)
            {
                // A release's figures must never change: what arrives after it was made is not in it.
                Console.Error.WriteLine("hilmo: --as-of is in the future; a release freezes what the register holds, so it can be at most now.");
                return 2;
            }

            await using (var store = await ConfiguredStore.OpenAsync(folder, parsed.GetValue(postgres), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!await store.CreateReleaseAsync(release, cancellationToken).ConfigureAwait(false))
                {
                    Console.Error.WriteLine($"hilmo: Release {releaseName} exists already; a release is never changed.");
                    return 1;
                }
            }

            await using var log = RegisterComponents.AuditLog(folder);
            await log.AppendAsync(new AuditEvent(release.CreatedBy!, "release.create", $"release/{releaseName}", "publication", "cli", $"ok as-of:{Time(release.AsOf)}"), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Release {releaseName}: as of {Time(release.AsOf)}");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var command = new Command("list", "List the releases") { data, postgres };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = await ConfiguredStore.OpenAsync(DataFolder.Resolve(parsed.GetValue(data)), parsed.GetValue(postgres), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var release in await store.ListReleasesAsync(cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine($"{release.Name}\tas of {Time(release.AsOf)}\tmade {Time(release.CreatedAt)} by {release.CreatedBy}");
            }

            return 0;
        });
        return command;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
