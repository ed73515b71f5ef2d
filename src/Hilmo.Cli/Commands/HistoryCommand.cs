using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hilmo.Audit;
using Hilmo.Notifications;
using Hilmo.Storage;
using Spectre.Console;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo history --provider P --tunnus T [--format table|json]</c>: every stored version of one
/// record with its receipt time, state and the fields that changed, as the API gives it
/// (<see cref="RecordHistory"/>, <see cref="RecordHistoryDocument"/>). The register keeper's tool:
/// the read is audited, and the client's pseudonym is never printed.
/// </summary>
internal static class HistoryCommand
{
    /// <summary>The API's JSON shape (ASP.NET's web defaults: camelCase), indented for people.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var provider = new Option<string>("--provider") { Description = "The provider's code (tuottaja)", HelpName = "CODE", Required = true };
        var tunnus = new Option<string>("--tunnus") { Description = "The record's key (tunnus)", HelpName = "ID", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "table (readable, the default) or json (the API's document)",
            DefaultValueFactory = _ => "table",
            HelpName = "table|json",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var language = CommonOptions.Language();
        language.Description = "Language of the table's headings and states: fi, sv or en";
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var command = new Command("history", "Every stored version of a record: receipt time, state and the fields changed from the version before")
        {
            provider, tunnus, format, language, data, postgres,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (providerCode, recordId) = (parsed.GetValue(provider)!, parsed.GetValue(tunnus)!);
            var folder = DataFolder.Resolve(parsed.GetValue(data));
            IReadOnlyList<HistoryEntry> entries;
            await using (var store = await ConfiguredStore.OpenAsync(folder, parsed.GetValue(postgres), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                entries = RecordHistory.Of(await store.GetRecordVersionsAsync(providerCode, recordId, cancellationToken).ConfigureAwait(false));
            }

            await using (var log = RegisterComponents.AuditLog(folder))
            {
                await log.AppendAsync(new AuditEvent($"cli:{Environment.UserName}", "notification.history", $"notification/{providerCode}/{recordId}",
                    AuditReasons.RegisterKeeping, "cli", $"ok: {entries.Count} versions"), cancellationToken).ConfigureAwait(false);
            }

            if (entries.Count == 0)
            {
                Console.Error.WriteLine($"hilmo: The register holds no version of record {recordId} of provider {providerCode}.");
                return 1;
            }

            if (parsed.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(RecordHistoryDocument.Of(providerCode, recordId, entries), Json));
                return 0;
            }

            WriteTable(providerCode, recordId, entries, parsed.GetValue(language)!);
            return 0;
        });
        return command;
    }

    private static void WriteTable(string provider, string recordId, IReadOnlyList<HistoryEntry> entries, string language)
    {
        // Written to Console.Out whatever it is (a terminal, a file, a test's capture), wide enough that values are not wrapped.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        console.WriteLine($"{Heading.Record.In(language)} {recordId} · {Heading.Provider.In(language)} {provider}");
        var table = new Table().Border(TableBorder.Simple);
        foreach (var heading in new[] { Heading.Version, Heading.Received, Heading.State, Heading.Register, Heading.Updated, Heading.Field, Heading.Old, Heading.New })
        {
            table.AddColumn(new TableColumn(Markup.Escape(heading.In(language))));
        }

        foreach (var entry in entries)
        {
            string[] version =
            [
                entry.VersionId?.ToString(CultureInfo.InvariantCulture) ?? "–",
                entry.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                entry.State.Label().In(language),
                entry.Register?.DisplayName() ?? "–",
                entry.UpdatedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "–",
            ];
            if (entry.Changes.Count == 0)
            {
                table.AddRow([.. version.Select(Markup.Escape), string.Empty, string.Empty, string.Empty]);
                continue;
            }

            for (var i = 0; i < entry.Changes.Count; i++)
            {
                var change = entry.Changes[i];
                table.AddRow([.. (i == 0 ? version : ["", "", "", "", ""]).Select(Markup.Escape),
                    Markup.Escape(change.Field), Markup.Escape(change.OldValue ?? "–"), Markup.Escape(change.NewValue ?? "–")]);
            }
        }

        console.Write(table);
    }

    /// <summary>The table's headings in fi/sv/en.</summary>
    private static class Heading
    {
        public static readonly LocalizedText Record = new("Tietue", "Post", "Record");
        public static readonly LocalizedText Provider = new("tuottaja", "producent", "provider");
        public static readonly LocalizedText Version = new("Versio", "Version", "Version");
        public static readonly LocalizedText Received = new("Vastaanotettu", "Mottagen", "Received");
        public static readonly LocalizedText State = new("Tila", "Status", "State");
        public static readonly LocalizedText Register = new("Rekisteri", "Register", "Register");
        public static readonly LocalizedText Updated = new("Päivitetty", "Uppdaterad", "Updated");
        public static readonly LocalizedText Field = new("Kenttä", "Fält", "Field");
        public static readonly LocalizedText Old = new("Aiempi arvo", "Tidigare värde", "Old value");
        public static readonly LocalizedText New = new("Uusi arvo", "Nytt värde", "New value");
    }
}
