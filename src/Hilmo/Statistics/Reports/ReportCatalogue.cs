namespace Hilmo.Statistics.Reports;

/// <summary>The register's reports by name.</summary>
public static class ReportCatalogue
{
    public static IReadOnlyList<ReportDefinition> All { get; } = [new VisitsReport(), new AccessToCareReport(), new DataQualityReport(), new CarePeriodsReport(), new SocialCarePeriodsReport(), new SocialCareClientsReport(), new VaccinationsReport(), new VaccinationCoverageReport(), new InjuriesReport(), new HealthPromotionReport(), new SyndromesReport()];

    public static ReportDefinition? Find(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));
}
