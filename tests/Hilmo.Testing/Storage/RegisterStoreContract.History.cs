using Hilmo.Formats;
using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Validation;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Testing.Storage;

public abstract partial class RegisterStoreContract
{
    /// <summary>
    /// Stores the records as one unit of a submission of their provider and keeps the findings the
    /// ingest pipeline makes of its conflicts (<see cref="Hilmo.Ingest.IngestPipeline"/>), so that
    /// the store's history sees what a real submission leaves.
    /// </summary>
    private async Task<UnitResult> SubmitAsync(params RegisteredNotification[] records)
    {
        await using var writer = await Store.BeginSubmissionAsync(new SubmissionInfo("test.ndjson", "NDJSON", records[0].Key.Provider));
        await writer.AppendAsync(Indexed(records));
        var result = await writer.CommitAsync();
        await writer.AddFindingsAsync([.. result.Remarks.Where(r => r.Outcome == VersionOutcome.Conflict)
            .Select(r => new Finding(FindingCatalogue.ConflictingVersion, r.Index, r.RecordId, WireNames.UpdatedAt, []) { Provider = r.Key.Provider })]);
        await writer.CompleteAsync(new SubmissionCounts(records.Length, result.Stored, result.Conflicts, result.Duplicates));
        Clock.Advance(TimeSpan.FromMinutes(1));
        return result;
    }

    [Fact]
    public async Task A_records_history_lists_every_version_in_order_of_receipt_with_its_state()
    {
        var booked = Visit() with { Visit = null, UpdatedAt = new DateTime(2026, 3, 2, 8, 20, 0) };
        var visited = Visit();
        var late = Visit() with { Visit = null, Appointment = null, UpdatedAt = new DateTime(2026, 3, 5, 12, 0, 0) };
        var conflicting = Visit() with { Visit = Visit().Visit! with { ServiceForm = "T60" } };
        var first = await SubmitAsync(Registered(booked));
        var second = await SubmitAsync(Registered(visited));
        var third = await SubmitAsync(Registered(late));
        var fourth = await SubmitAsync(Registered(conflicting));
        var fifth = await SubmitAsync(Withdrawal(visited.RecordId!, visited.Provider!, new DateTime(2026, 3, 10, 9, 0, 0)));
        await SubmitAsync(Registered(Visit(provider: "90153")));

        var history = RecordHistory.Of(await Store.GetRecordVersionsAsync("90152", visited.RecordId!));

        Assert.Equal(
            [VersionState.Superseded, VersionState.Superseded, VersionState.History, VersionState.Conflict, VersionState.Withdrawn],
            history.Select(e => e.State));
        // A refused version has no unit of its own in the store: its time is its submission's.
        var conflictSubmission = await Store.GetSubmissionAsync(history[3].SubmissionId);
        Assert.Equal([first.ReceivedAt, second.ReceivedAt, third.ReceivedAt, conflictSubmission!.ReceivedAt, fifth.ReceivedAt], history.Select(e => e.ReceivedAt));
        Assert.InRange(conflictSubmission.ReceivedAt, third.ReceivedAt, fourth.ReceivedAt);
        Assert.Equal([booked.UpdatedAt, visited.UpdatedAt, late.UpdatedAt, null, new DateTime(2026, 3, 10, 9, 0, 0)], history.Select(e => e.UpdatedAt));
        Assert.Null(history[3].VersionId);
        Assert.Empty(history[3].Changes);
        Assert.All(history.Where(e => e.State != VersionState.Conflict), e => Assert.Equal(Register.AvoHilmo, e.Register));

        // The visit's fields came with the second version; the withdrawal is compared with the version received just before it (the late one).
        var start = Assert.Single(history[1].Changes, c => c.Field == "kaynti.alku");
        Assert.Equal(FieldChangeKind.Added, start.Kind);
        Assert.Contains(history[1].Changes, c => c.Field == "paivitetty" && c.Kind == FieldChangeKind.Changed);
        Assert.Contains(history[4].Changes, c => c.Field == "poisto" && c.NewValue == "true");
        Assert.Contains(history[4].Changes, c => c.Field == "kayntisyyt[0].icpc2" && c.OldValue == "R74" && c.NewValue is null);
        Assert.DoesNotContain(history[4].Changes, c => c.Field.StartsWith("kaynti.", StringComparison.Ordinal));
        Assert.Contains(history[2].Changes, c => c.Field.StartsWith("ajanvaraus.", StringComparison.Ordinal) && c.Kind == FieldChangeKind.Removed);
        Assert.Equal(history[0].Changes.Count, RecordHistory.Fields(booked).Count);
    }

    [Fact]
    public async Task Versions_of_one_record_sent_together_show_the_newest_current_and_the_other_superseded()
    {
        var booked = Visit() with { Visit = null, UpdatedAt = new DateTime(2026, 3, 2, 8, 20, 0) };

        await SubmitAsync(Registered(Visit()), Registered(booked));

        var history = RecordHistory.Of(await Store.GetRecordVersionsAsync("90152", booked.RecordId!));
        Assert.Equal([VersionState.Current, VersionState.Superseded], history.Select(e => e.State));
    }

    [Fact]
    public async Task A_record_never_received_has_an_empty_history_and_another_providers_record_is_not_in_it()
    {
        await SubmitAsync(Registered(Visit(provider: "90153")));

        Assert.Empty(RecordHistory.Of(await Store.GetRecordVersionsAsync("90152", Visit().RecordId!)));
        Assert.Empty(RecordHistory.Of(await Store.GetRecordVersionsAsync("99999", Visit().RecordId!)));
        Assert.Equal(VersionState.Current, Assert.Single(RecordHistory.Of(await Store.GetRecordVersionsAsync("90153", Visit().RecordId!))).State);
    }

    [Fact]
    public async Task A_care_periods_history_compares_its_period_content()
    {
        var open = WardPeriod();
        var ended = WardPeriod(dischargeDate: new DateOnly(2026, 3, 20)) with { UpdatedAt = open.UpdatedAt!.Value.AddDays(12) };
        await SubmitAsync(Registered(open));
        await SubmitAsync(Registered(ended));

        var history = RecordHistory.Of(await Store.GetRecordVersionsAsync(open.Provider!, open.RecordId!));

        Assert.Equal([VersionState.Superseded, VersionState.Current], history.Select(e => e.State));
        Assert.All(history, e => Assert.Equal(Register.TerveysHilmo, e.Register));
        Assert.Contains(history[1].Changes, c => c.Kind == FieldChangeKind.Added && c.NewValue == "2026-03-20");
    }
}
