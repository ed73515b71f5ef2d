using System.Globalization;
using Hilmo.Notifications;
using Hilmo.Statistics.Sql;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Testing.Storage;

/// <summary>The procedures of visits as the report relations give them to report queries.</summary>
public abstract partial class RegisterStoreContract
{
    [Fact]
    public async Task Report_event_procedures_give_every_procedure_of_every_version_in_order_and_the_current_version_s_through_report_events()
    {
        var first = Visit();
        var later = Visit(updatedAt: first.UpdatedAt!.Value.AddDays(1)) with
        {
            Procedures = [new Procedure { Spat = "SPAT1381" }, new Procedure { Spat = "SPAT1315" }, new Procedure { Spat = "SPAT1010" }],
        };
        await StoreAsync(Registered(first));
        await StoreAsync(Registered(later));

        var every = await Store.QueryReportAsync(new ReportQuery($"""
            SELECT CAST(p.ordinal AS INTEGER), spat.code, e.current_until IS NULL
            FROM {ReportRelations.EventProcedures} p
            JOIN {ReportRelations.Events} e ON e.version_id = p.version_id
            LEFT JOIN {ReportRelations.Codes} spat ON spat.code_id = p.spat_id AND spat.code_system = 'spat'
            ORDER BY e.current_until IS NULL, p.ordinal
            """, []));

        // The first version's SPAT1010 and its oral procedure with no SPAT code; then the current version's three.
        Assert.Equal(
            ["0|SPAT1010|False", "1||False", "0|SPAT1381|True", "1|SPAT1315|True", "2|SPAT1010|True"],
            every.Select(row => string.Join('|', row.Select(value => Convert.ToString(value, CultureInfo.InvariantCulture)))));
    }
}
