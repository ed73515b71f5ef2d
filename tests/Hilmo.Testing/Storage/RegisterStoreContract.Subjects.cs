using Hilmo.Audit;
using Hilmo.Identity;
using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Subjects;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Testing.Storage;

public abstract partial class RegisterStoreContract
{
    private const string Person = "131052-308T";

    // Another person at the same providers, and one whose code differs from the person's only by the century sign.
    private const string Neighbour = "010101-123N";
    private const string SignTwin = "131052Y308T";

    [Fact]
    public async Task A_subject_request_finds_exactly_the_persons_versions_across_providers_and_registers()
    {
        var visit = Visit(provider: "90152");
        var corrected = Visit("1.2.246.10.2345678.10.2026.4800", provider: "90152");
        var ward = WardPeriod(provider: "90153");
        var housing = HousingPeriod(provider: "70011");
        await SubmitAsync(Registered(visit, Person), Registered(corrected, Person), Registered(Visit("1.2.246.10.2345678.10.2026.4712"), Neighbour));
        await SubmitAsync(Registered(ward, Person), Registered(WardPeriod("1.2.246.10.2345678.20.2026.882", provider: "90153"), SignTwin));
        await SubmitAsync(Registered(housing, Person), Registered(HousingPeriod("1.2.246.10.7654321.30.2025.78", provider: "70011"), Neighbour));
        // The second record was the wrong patient's: its later version names another person, who is not the subject's.
        await SubmitAsync(Registered(corrected with { UpdatedAt = corrected.UpdatedAt!.Value.AddHours(1) }, Neighbour));
        // A later version of the visit is still the person's.
        await SubmitAsync(Registered(visit with { UpdatedAt = visit.UpdatedAt!.Value.AddHours(2) }, Person));

        var found = await Store.FindClientVersionsAsync(SubjectKeysOf(Person).ClientKeys(await Store.ListProvidersAsync()));

        Assert.Equal(
            [("90152", visit.RecordId!), ("90152", corrected.RecordId!), ("90153", ward.RecordId!), ("70011", housing.RecordId!), ("90152", visit.RecordId!)],
            found.Select(v => (v.Provider, v.RecordId)));
        Assert.Contains("90152", await Store.ListProvidersAsync());
        Assert.Empty(await Store.FindClientVersionsAsync([]));

        var folder = Directory.CreateTempSubdirectory("hilmo-subject-");
        try
        {
            var firstSubmission = (await Store.GetRecordVersionsAsync("90152", visit.RecordId!)).Versions[0].Version.SubmissionId;
            await AnswerAsync(folder.FullName, firstSubmission, visit, corrected, ward);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task AnswerAsync(string folder, long firstSubmission, ServiceEvent visit, ServiceEvent corrected, HealthCarePeriod ward)
    {
        var logPath = Path.Combine(folder, "audit.log");
        await using var log = AuditLogFile.Open(logPath, AuditSigningKey.LoadOrCreate(Path.Combine(folder, "audit-signing.key")), Clock);
        await log.AppendAsync(new AuditEvent("key:k1 org:90152 role:submitter", "submission.create", $"submission/{firstSubmission}", AuditReasons.Notification, "10.0.0.1", "ok: 3 records"));
        await log.AppendAsync(new AuditEvent("key:k2 org:THL role:register", "notification.history", $"notification/90153/{ward.RecordId}", AuditReasons.RegisterKeeping, "10.0.0.2", "ok: 1 versions"));
        await log.AppendAsync(new AuditEvent("key:k2 org:THL role:register", "notification.history", "notification/90152/1.2.246.10.2345678.10.2026.4712", AuditReasons.RegisterKeeping, "10.0.0.2", "ok: 1 versions"));
        await log.AppendAsync(new AuditEvent("key:k2 org:THL role:register", "notification.history", $"notification/90153/{ward.RecordId}", AuditReasons.RegisterKeeping, "10.0.0.2", "denied: not allowed"));
        var requests = new SubjectRequests(Store, log, logPath, Clock);
        var requester = new SubjectRequester("cli:keeper", "cli");

        var report = await requests.AnswerAsync(SubjectKeysOf(Person), requester);

        Assert.Equal(5, report.VersionCount);
        Assert.Equal(3, report.ProviderCount);
        Assert.Equal([Register.Sosiaalihilmo, Register.AvoHilmo, Register.AvoHilmo, Register.TerveysHilmo], report.Records.Select(r => r.Register));
        var visitRecord = Assert.Single(report.Records, r => r.RecordId == visit.RecordId);
        Assert.Equal([VersionState.Superseded, VersionState.Current], visitRecord.Versions.Select(v => v.State));
        Assert.Equal(VersionState.Superseded, Assert.Single(Assert.Single(report.Records, r => r.RecordId == corrected.RecordId).Versions).State);
        Assert.DoesNotContain(report.Records, r => r.RecordId is "1.2.246.10.2345678.10.2026.4712" or "1.2.246.10.2345678.20.2026.882" or "1.2.246.10.7654321.30.2025.78");
        Assert.Contains("kaynti.alku", visitRecord.Versions[0].Fields.Keys);
        Assert.DoesNotContain(report.Records.SelectMany(r => r.Versions).SelectMany(v => v.Fields.Keys), f => f.Contains("henkilotunnus", StringComparison.Ordinal));
        // The log: the submission that brought the versions and the view of one of them; not the other person's record, not a refused view.
        Assert.Equal([SubjectUseKind.Received, SubjectUseKind.HistoryViewed], report.Usage.Select(u => u.Kind));

        var again = await requests.AnswerAsync(SubjectKeysOf(Person), requester);
        var earlier = Assert.Single(again.Usage, u => u.Kind == SubjectUseKind.SubjectRequest);
        Assert.True(earlier.Result.StartsWith("ok: 5 versions of 4 records from 3 providers", StringComparison.Ordinal), earlier.Result);

        // Another person's request sees neither the person's records nor their requests.
        var neighbour = await requests.AnswerAsync(SubjectKeysOf(Neighbour), requester);
        Assert.Equal(3, neighbour.VersionCount);
        Assert.DoesNotContain(neighbour.Usage, u => u.Kind == SubjectUseKind.SubjectRequest);
        var twin = await requests.AnswerAsync(SubjectKeysOf(SignTwin), requester);
        Assert.Equal("1.2.246.10.2345678.20.2026.882", Assert.Single(twin.Records).RecordId);
    }
}
