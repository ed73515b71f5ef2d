using Hilmo.Codes;
using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Statistics.Signals;
using Hilmo.Storage;

namespace Hilmo.Testing.Statistics;

/// <summary>A store of a test's own, on any backend, with the statistics service over it, and helpers to put records in and read figures out.</summary>
public sealed class StatisticsStore : IAsyncDisposable
{
    public StatisticsStore(IRegisterStore store, StatisticsContext? context = null)
    {
        Store = store;
        Statistics = new StatisticsService(Store, context ?? Context, DisclosureRules.Default);
    }

    /// <summary>The shipped code lists, loaded once.</summary>
    public static CodeServer Codes { get; } = CodeServer.Load(RepositoryFolders.ShippedCodes);

    /// <summary>The shipped legal limits of access to care.</summary>
    public static LegalLimitTable LegalLimits { get; } = LegalLimitTable.Load(Path.Combine(RepositoryFolders.Root, "data", "statistics", LegalLimitTable.FileName));

    /// <summary>The shipped syndromes of syndromic surveillance.</summary>
    public static SyndromeCatalogue Syndromes { get; } = SyndromeCatalogue.Load(Path.Combine(RepositoryFolders.Root, "data", "statistics"));

    /// <summary>The test provider 90152 and the units of the test records, registered to it.</summary>
    public static StatisticsContext Context { get; } = new(Codes, new ProviderRegister([new ProviderEntry("90152", new LocalizedText("Testialue"), "08")]), LegalLimits,
        units: new UnitRegister(new[] { "1.2.246.10.2345678.10.12", "1.2.246.10.2345678.10.40", "1.2.246.10.7654321.10.3" }
            .Select(unit => new UnitEntry(unit, "90152", new LocalizedText(unit)))), syndromes: Syndromes);

    public IRegisterStore Store { get; }

    public StatisticsService Statistics { get; }

    public async Task StoreAsync(params RegisteredNotification[] records)
    {
        await using var writer = await Store.BeginSubmissionAsync(new SubmissionInfo("test", "ndjson"));
        await writer.AppendAsync(TestRecords.Indexed(records));
        await writer.CommitAsync();
        await writer.CompleteAsync(new SubmissionCounts(records.Length, records.Length, 0, 0));
    }

    /// <summary>A valid identity code of someone born on <paramref name="birthDate"/>.</summary>
    public static string IdentityCode(DateOnly birthDate, int individual = 123)
    {
        const string checkCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";
        var digits = $"{birthDate:ddMMyy}{individual:000}";
        var century = birthDate.Year >= 2000 ? 'A' : '-';
        return $"{birthDate:ddMMyy}{century}{individual:000}{checkCharacters[(int)(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 31)]}";
    }

    /// <summary>The figure of <paramref name="measure"/> in the cell at these category codes, one per dimension.</summary>
    public static double? Figure(StatisticsTable table, string measure, params string[] categories)
    {
        Span<int> at = stackalloc int[categories.Length];
        for (var d = 0; d < categories.Length; d++)
        {
            at[d] = table.Dimensions[d].IndexOf(categories[d]);
            Assert.True(at[d] >= 0, $"{table.Dimensions[d].Code} has no category {categories[d]}");
        }

        var m = table.Measures.Select(x => x.Code).ToList().IndexOf(measure);
        return table.Value(table.CellOf(at), m);
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
