using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Statistics.Reports;

namespace Hilmo.Tests.Privacy;

/// <summary>
/// The restricted-linkage rules of seed 001, one test per rule: where report tables are formed
/// (every audience, through the breakdown and the filters of the counts) and, for the rules of
/// person-level outputs, over the fields such an output would show.
/// </summary>
public sealed class LinkageRulesTests
{
    private static ReportDefinition Report(string name) => ReportCatalogue.Find(name)!;

    [Theory]
    [InlineData("injuries", "accident_type", "provider")]
    [InlineData("injuries", "external_cause", "provider")]
    [InlineData("vaccinations", "vaccine", "provider")]
    [InlineData("vaccination-coverage", "vaccine_group", "provider")]
    public void Clinical_content_with_an_exact_place_is_refused(string report, string content, string place)
    {
        var error = Assert.Throws<RestrictedLinkageException>(() => StatisticsService.CheckedBreakdown(Report(report), ["year", content, place], []));
        Assert.Equal("content-with-place", error.Rule.Code);
        Assert.Contains($"'{content}'", error.Message);
        Assert.Contains($"'{place}'", error.Message);
    }

    [Fact]
    public void A_filter_on_clinical_content_counts_as_showing_it()
    {
        var filter = new ReportFilter("vaccine_group", ["J07BD"]);
        Assert.Throws<RestrictedLinkageException>(() => StatisticsService.CheckedBreakdown(Report("vaccination-coverage"), ["year", "provider"], [filter]));
        Assert.Equal(["year", "municipality"], StatisticsService.CheckedBreakdown(Report("vaccination-coverage"), ["year", "municipality"], [filter]));
    }

    [Theory]
    [InlineData("injuries", "external_cause", "county")]
    [InlineData("injuries", "accident_type", "age_group")]
    [InlineData("vaccinations", "vaccine", "municipality")]
    [InlineData("visits", "unit", "service_form")]
    public void Content_with_a_region_of_residence_or_a_place_with_free_fields_is_allowed(string report, string first, string second) =>
        Assert.Equal(["year", first, second], StatisticsService.CheckedBreakdown(Report(report), ["year", first, second], []));

    [Fact]
    public void Every_published_table_and_default_breakdown_keeps_the_rules()
    {
        foreach (var report in ReportCatalogue.All)
        {
            foreach (var table in report.Publication.Append(report.DefaultBy))
            {
                StatisticsService.CheckLinkage(report, table);
            }
        }
    }

    private static (string, StoredField) Shown<T>(string property) => (property, StoredFields.Of<T>(property));

    [Fact]
    public void Person_level_data_keeps_weight_and_height_from_every_other_restricted_field()
    {
        var broken = LinkageRules.Broken([Shown<HealthFactors>(nameof(HealthFactors.WeightGrams)), Shown<VisitReason>(nameof(VisitReason.Icd10))], OutputLevel.Individual);
        Assert.Equal("extreme-value-individual", broken?.Rule.Code);
        Assert.Null(LinkageRules.Broken([Shown<HealthFactors>(nameof(HealthFactors.WeightGrams)), Shown<ClientIdentity>(nameof(ClientIdentity.Sex))], OutputLevel.Individual));
        Assert.Null(LinkageRules.Broken([Shown<HealthFactors>(nameof(HealthFactors.WeightGrams)), Shown<VisitReason>(nameof(VisitReason.Icd10))], OutputLevel.Aggregate));
    }

    [Fact]
    public void Person_level_data_keeps_exact_dates_from_content_and_from_places()
    {
        Assert.Equal("exact-time-individual",
            LinkageRules.Broken([Shown<Visit>(nameof(Visit.Start)), Shown<Medication>(nameof(Medication.Atc))], OutputLevel.Individual)?.Rule.Code);
        Assert.Equal("exact-time-with-place-individual",
            LinkageRules.Broken([Shown<Visit>(nameof(Visit.Start)), Shown<Client>(nameof(Client.PostalCode))], OutputLevel.Individual)?.Rule.Code);
        Assert.Null(LinkageRules.Broken([Shown<Visit>(nameof(Visit.Start)), Shown<Client>(nameof(Client.HomeMunicipality))], OutputLevel.Individual));
    }

    [Fact]
    public void Person_level_data_keeps_content_from_places_too() =>
        Assert.Equal("content-with-place",
            LinkageRules.Broken([Shown<VisitReason>(nameof(VisitReason.ExternalCause)), Shown<Client>(nameof(Client.PostalCode))], OutputLevel.Individual)?.Rule.Code);
}
