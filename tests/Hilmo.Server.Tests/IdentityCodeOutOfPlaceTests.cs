using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hilmo.Access;
using Hilmo.Identity;
using Hilmo.Testing;
using Hilmo.Testing.Storage;
using Npgsql;

namespace Hilmo.Server.Tests;

/// <summary>
/// An identity code anywhere but <c>asiakas.hetu</c> (issue 18, defect 4): written into every other
/// text of the specification's example in turn, into an unknown field, a field's name and, in XML,
/// an attribute, each record is refused with HETU-008 naming the field; no answer repeats the
/// code; and afterwards the code is in no file of the data folder and, on PostgreSQL, in no row of
/// any table. The clean records of the same file are stored.
/// </summary>
public sealed class IdentityCodeOutOfPlaceTests
{
    private const string Prefix = "1.2.246.10.2345678.10.2026.";
    private static readonly string Code = SampleRecords.IdentityCode;

    public static TheoryData<StoreEngine> Engines => StoreEngines.All;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_identity_code_outside_its_field_is_refused_never_repeated_and_never_stored(StoreEngine engine)
    {
        var cancel = TestContext.Current.CancellationToken;
        var postgres = await StoreEngines.PostgresConnectionAsync(engine);
        var folder = Directory.CreateTempSubdirectory("hilmo-code-out-of-place-").FullName;
        var planted = PlantedRecords().ToList();
        Assert.True(planted.Count >= 25, $"the example has {planted.Count} places");

        await using (var server = await ServerHarness.StartAsync(folder: folder, postgres: postgres))
        {
            var client = server.Client(server.Key(Role.Register));
            var body = new StringBuilder();
            foreach (var (_, record) in planted)
            {
                body.Append(record).Append('\n');
            }

            body.Append(Bodies.Ndjson(3, Prefix + "clean."));
            using var answer = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body.ToString()), cancel);
            var text = await answer.Content.ReadAsStringAsync(cancel);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.False(IdentityCodeShape.Contains(text.AsSpan()), $"The answer repeats an identity code: {text}");

            var feedback = JsonDocument.Parse(text).RootElement;
            Assert.Equal((planted.Count, 3L), (feedback.GetProperty("rejected").GetInt64(), feedback.GetProperty("accepted").GetInt64()));
            var refused = feedback.GetProperty("findings").EnumerateArray()
                .Where(f => f.GetProperty("code").GetString() == "HETU-008")
                .Select(f => (Index: f.GetProperty("index").GetInt32(), Path: f.TryGetProperty("path", out var path) ? path.GetString() : null))
                .ToList();
            for (var index = 0; index < planted.Count; index++)
            {
                Assert.True(refused.Contains((index, planted[index].Path)), $"record {index} ({planted[index].Path}): {string.Join(", ", refused.Where(r => r.Index == index))}");
            }

            using var xml = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(PlantedXml(), "application/xml"), cancel);
            var xmlText = await xml.Content.ReadAsStringAsync(cancel);
            Assert.Equal(HttpStatusCode.OK, xml.StatusCode);
            Assert.False(IdentityCodeShape.Contains(xmlText.AsSpan()), $"The answer repeats an identity code: {xmlText}");
            var xmlFeedback = JsonDocument.Parse(xmlText).RootElement;
            Assert.Equal((3L, 0L), (xmlFeedback.GetProperty("rejected").GetInt64(), xmlFeedback.GetProperty("accepted").GetInt64()));
            Assert.All(xmlFeedback.GetProperty("findings").EnumerateArray(), f => Assert.Equal("HETU-008", f.GetProperty("code").GetString()));

            // The refused submissions' feedback read again later, in every language, repeats nothing either.
            foreach (var lang in new[] { "fi", "sv", "en" })
            {
                var again = await client.GetStringAsync(new Uri($"/api/v1/submissions/{feedback.GetProperty("submissionId").GetInt64()}?lang={lang}", UriKind.Relative), cancel);
                Assert.False(IdentityCodeShape.Contains(again.AsSpan()), $"The feedback in {lang} repeats an identity code");
            }

            // Read while the register runs (the harness removes the folder when it stops): the store's file, its log and the audit log.
            var bytes = Encoding.UTF8.GetBytes(Code);
            var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
            Assert.Contains(files, f => Path.GetFileName(f) == "audit.log");
            Assert.All(files,
                file => Assert.True(Contents(file).AsSpan().IndexOf(bytes) < 0, $"{Path.GetFileName(file)} holds the identity code"));
            if (postgres is not null)
            {
                Assert.Empty(await TablesHoldingAsync(postgres, Code, cancel));
            }
        }
    }

    private static byte[] Contents(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// The example with the code put in one place at a time: each text value but the client's own
    /// identity code (as the whole value and inside a longer one), an unknown field, a field's name
    /// (named <c>?</c> in the finding, which must not repeat it).
    /// </summary>
    private static IEnumerable<(string? Path, string Record)> PlantedRecords()
    {
        var example = JsonNode.Parse(SampleRecords.SpecificationExample)!.AsObject();
        var number = 0;
        foreach (var path in TextPaths(example, string.Empty).Where(p => p != "asiakas.hetu"))
        {
            foreach (var value in new[] { Code, $"x {Code} y" })
            {
                var record = Renumbered(example, number++);
                Set(record, path, value);
                yield return (path, record.ToJsonString());
            }
        }

        var unknown = Renumbered(example, number++);
        unknown["huomautus"] = $"asiakas {Code}";
        yield return ("huomautus", unknown.ToJsonString());

        var named = Renumbered(example, number++);
        named["kaynti"]!.AsObject()[Code] = "1";
        yield return ("kaynti.?", named.ToJsonString());
    }

    /// <summary>An XML file of three records: the code in a unit, in an attribute, and as an element's name.</summary>
    private static string PlantedXml()
    {
        var unit = SampleRecords.SpecificationXmlRecord.Replace("1.2.246.10.2345678.10.12", Code, StringComparison.Ordinal);
        var attribute = SampleRecords.SpecificationXmlRecord.Replace("2026.4711", "2026.4712", StringComparison.Ordinal)
            .Replace("<kaynti>", $"<kaynti huom=\"{Code}\">", StringComparison.Ordinal);
        var name = SampleRecords.SpecificationXmlRecord.Replace("2026.4711", "2026.4713", StringComparison.Ordinal)
            .Replace("<kaynti>", $"<kaynti><X{Code}>1</X{Code}>", StringComparison.Ordinal);
        return $"<palvelutapahtumat>{unit}{attribute}{name}</palvelutapahtumat>";
    }

    private static JsonObject Renumbered(JsonObject example, int number)
    {
        var record = example.DeepClone().AsObject();
        record["tunnus"] = $"{Prefix}planted{number}";
        return record;
    }

    private static IEnumerable<string> TextPaths(JsonNode node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => TextPaths(p.Value!, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => TextPaths(item!, $"{path}[{i}]")),
        _ => [path],
    };

    private static void Set(JsonNode root, string path, string value)
    {
        var parts = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = parts[i].StartsWith('[') ? node[int.Parse(parts[i][1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[parts[i]]!;
        }

        var last = parts[^1];
        if (last.StartsWith('['))
        {
            node.AsArray()[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            node[last] = value;
        }
    }

    /// <summary>The tables of the store's database with a row whose text holds <paramref name="text"/>.</summary>
    private static async Task<List<string>> TablesHoldingAsync(string connectionString, string text, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(tables);
        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var probe = new NpgsqlCommand($"SELECT EXISTS (SELECT FROM {table} t WHERE strpos(t::text, $1) > 0)", connection) { Parameters = { new() { Value = text } } };
            if ((bool)(await probe.ExecuteScalarAsync(cancellationToken))!)
            {
                holding.Add(table);
            }
        }

        return holding;
    }
}
