using System.Globalization;
using Hilmo.Notifications;
using Hilmo.Statistics.Sql;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Testing.Storage;

/// <summary>Issue 17, defect 4: the store keeps the client's exact ages and nothing to work the birth date out from.</summary>
public abstract partial class RegisterStoreContract
{
    /// <summary>The birth date of the clients of <see cref="Visit"/> and <see cref="WardPeriod"/> (131052-308T).</summary>
    private static readonly DateOnly ClientBirthDate = new(1952, 10, 13);

    [Fact]
    public async Task A_version_keeps_the_clients_exact_ages_and_no_column_of_the_store_holds_the_birth_date_or_year()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // A visit on 9 March 2026 (73, and 74 at the year's end), and a ward period still open, begun 3 February 2026 (73, and 74 at the year's end).
        var visit = Registered(Visit());
        var period = Registered(WardPeriod());
        await StoreAsync(visit, period);

        Assert.Equal(new ClientAges(73, AtEventYearEnd: 74), (await Store.GetCurrentAsync(visit.Key, cancellationToken: cancellationToken))!.Record.Client!.Ages);
        Assert.Equal(new ClientAges(73, 73, 74), (await Store.GetCurrentAsync(period.Key, cancellationToken: cancellationToken))!.Record.Client!.Ages);

        var columns = await Store.QueryReportAsync(new ReportQuery("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_catalog = current_database() AND table_schema = current_schema()
            """, []), cancellationToken);
        Assert.Contains(columns, c => (string)c[1]! == "age");
        Assert.DoesNotContain(columns, c => ((string)c[1]!).Contains("birth", StringComparison.OrdinalIgnoreCase));

        var holding = new List<string>();
        var birthYear = ClientBirthDate.Year.ToString(CultureInfo.InvariantCulture);
        foreach (var column in columns)
        {
            var (table, name, type) = ((string)column[0]!, (string)column[1]!, ((string)column[2]!).ToUpperInvariant());
            var condition = type.StartsWith("DATE", StringComparison.Ordinal) || type.StartsWith("TIMESTAMP", StringComparison.Ordinal)
                ? $"CAST(\"{name}\" AS DATE) = DATE '{ClientBirthDate:yyyy-MM-dd}'"
                : type.Contains("INT", StringComparison.Ordinal) || type.StartsWith("TEXT", StringComparison.Ordinal) || type.StartsWith("VARCHAR", StringComparison.Ordinal)
                    || type.StartsWith("CHARACTER", StringComparison.Ordinal)
                    ? $"CAST(\"{name}\" AS VARCHAR) = '{birthYear}'"
                    : null;
            if (condition is null)
            {
                continue;
            }

            var rows = await Store.QueryReportAsync(new ReportQuery($"SELECT count(*) FROM \"{table}\" WHERE {condition}", []), cancellationToken);
            if (Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture) > 0)
            {
                holding.Add($"{table}.{name}");
            }
        }

        Assert.True(holding.Count == 0, $"These columns hold the client's birth date or year: {string.Join(", ", holding)}");
    }
}
