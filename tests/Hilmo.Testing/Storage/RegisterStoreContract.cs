using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Validation;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Testing.Storage;

/// <summary>
/// What every register store must do, whatever its engine. A backend's test class derives from
/// this and says how to open (and reopen) a store; the facts are the same for all.
/// </summary>
public abstract partial class RegisterStoreContract : IAsyncLifetime
{
    private IRegisterStore? store;

    protected ManualTimeProvider Clock { get; } = new();

    protected IRegisterStore Store => store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>Opens the backend's store, empty the first time and with its data on later calls.</summary>
    protected abstract Task<IRegisterStore> OpenAsync(TimeProvider timeProvider);

    public async ValueTask InitializeAsync() => store = await OpenAsync(Clock);

    public virtual async ValueTask DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        store = await OpenAsync(Clock);
    }

    /// <summary>Stores the records as one unit; the outcome of every record, in order.</summary>
    private async Task<StoredUnit> StoreAsync(params RegisteredNotification[] records)
    {
        await using var writer = await Store.BeginSubmissionAsync(new SubmissionInfo("test.ndjson", "NDJSON"));
        await writer.AppendAsync(Indexed(records));
        var result = await writer.CommitAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var remarks = result.Remarks.ToDictionary(r => r.Index);
        var outcomes = Enumerable.Range(0, records.Length)
            .Select(i => remarks.TryGetValue(i, out var remark) ? remark : new RecordOutcome(i, records[i].Key, VersionOutcome.Current))
            .ToList();
        Assert.Equal(records.Length, result.Records);
        Assert.Equal(outcomes.Count(o => o.Outcome == VersionOutcome.Duplicate), result.Duplicates);
        Assert.Equal(outcomes.Count(o => o.Outcome == VersionOutcome.Conflict), result.Conflicts);
        Assert.Equal(records.Length - result.Duplicates - result.Conflicts, result.Stored);
        Assert.All(result.Remarks, r => Assert.Equal(records[r.Index].Key.RecordId, r.RecordId));
        return new StoredUnit(result.ReceivedAt, outcomes);
    }

    private sealed record StoredUnit(DateTimeOffset ReceivedAt, IReadOnlyList<RecordOutcome> Outcomes);

    private static RecordKey KeyOf(Notification e) => new(e.Provider!, e.RecordId!, e.Register);

    [Fact]
    public async Task A_stored_record_reads_back_with_every_field_its_pseudonym_and_its_hash()
    {
        var record = Registered(Visit());

        var result = await StoreAsync(record);

        Assert.Equal(VersionOutcome.Current, Assert.Single(result.Outcomes).Outcome);
        var current = await Store.GetCurrentAsync(KeyOf(record.Notification));
        Assert.NotNull(current);
        Assert.Equal(Canonical((ServiceEvent)record.Notification), Canonical((ServiceEvent)current.Record.Notification));
        Assert.Equal(record.Client, current.Record.Client);
        Assert.Equal(record.ContentHash, current.Record.ContentHash);
        Assert.Equal(result.ReceivedAt, current.ReceivedAt);
    }

    [Fact]
    public async Task The_same_version_sent_again_is_a_duplicate_and_changes_nothing()
    {
        var record = Registered(Visit());
        await StoreAsync(record);

        var again = await StoreAsync(Registered(Visit()));

        Assert.Equal(VersionOutcome.Duplicate, Assert.Single(again.Outcomes).Outcome);
        Assert.Single(await Store.GetHistoryAsync(KeyOf(record.Notification)));
    }

    [Fact]
    public async Task Other_content_under_the_same_update_time_is_a_conflict_and_is_not_stored()
    {
        await StoreAsync(Registered(Visit()));
        var changed = Visit() with { Visit = Visit().Visit! with { ServiceForm = "T60" } };

        var result = await StoreAsync(Registered(changed));

        Assert.Equal(VersionOutcome.Conflict, Assert.Single(result.Outcomes).Outcome);
        var current = await Store.GetCurrentAsync(KeyOf(changed));
        Assert.Equal("T11", ((ServiceEvent)current!.Record.Notification).Visit!.ServiceForm);
    }

    [Fact]
    public async Task Another_person_under_the_same_update_time_is_a_conflict()
    {
        await StoreAsync(Registered(Visit()));
        var result = await StoreAsync(Registered(Visit(), "131052Y308T"));
        Assert.Equal(VersionOutcome.Conflict, Assert.Single(result.Outcomes).Outcome);
    }

    [Fact]
    public async Task A_later_version_becomes_current_and_the_earlier_stays_in_history()
    {
        var first = Visit() with { Visit = null, UpdatedAt = new DateTime(2026, 3, 2, 8, 20, 0) };
        await StoreAsync(Registered(first));

        var result = await StoreAsync(Registered(Visit()));

        Assert.Equal(VersionOutcome.Current, Assert.Single(result.Outcomes).Outcome);
        Assert.NotNull(((ServiceEvent)(await Store.GetCurrentAsync(KeyOf(first)))!.Record.Notification).Visit);
        Assert.Equal(2, (await Store.GetHistoryAsync(KeyOf(first))).Count);
        Assert.Equal(new RegisterCounts(Versions: 2, Records: 1, Withdrawn: 0), await Store.CountAsync());
    }

    [Fact]
    public async Task A_version_older_than_the_current_is_kept_in_history_only()
    {
        await StoreAsync(Registered(Visit()));
        var older = Visit() with { Visit = null, UpdatedAt = new DateTime(2026, 3, 2, 8, 20, 0) };

        var result = await StoreAsync(Registered(older));

        Assert.Equal(VersionOutcome.History, Assert.Single(result.Outcomes).Outcome);
        Assert.NotNull(((ServiceEvent)(await Store.GetCurrentAsync(KeyOf(older)))!.Record.Notification).Visit);
        Assert.Equal(2, (await Store.GetHistoryAsync(KeyOf(older))).Count);
    }

    [Fact]
    public async Task Versions_of_one_record_sent_together_leave_the_newest_current()
    {
        var booked = Visit() with { Visit = null, UpdatedAt = new DateTime(2026, 3, 2, 8, 20, 0) };
        var visited = Visit();

        var result = await StoreAsync(Registered(visited), Registered(booked));

        Assert.Equal([VersionOutcome.Current, VersionOutcome.Superseded], result.Outcomes.Select(o => o.Outcome));
        Assert.NotNull(((ServiceEvent)(await Store.GetCurrentAsync(KeyOf(visited)))!.Record.Notification).Visit);
    }

    [Fact]
    public async Task Repeats_within_one_unit_are_duplicates_or_conflicts_like_repeats_across_units()
    {
        var changed = Visit() with { Unit = "1.2.246.10.2345678.10.13" };

        var result = await StoreAsync(Registered(Visit()), Registered(Visit()), Registered(changed));

        Assert.Equal([VersionOutcome.Current, VersionOutcome.Duplicate, VersionOutcome.Conflict], result.Outcomes.Select(o => o.Outcome));
        Assert.Single(await Store.GetHistoryAsync(KeyOf(changed)));
    }

    [Fact]
    public async Task A_withdrawn_record_leaves_the_current_records_and_stays_in_history()
    {
        var record = Registered(Visit());
        await StoreAsync(record, Registered(Visit("1.2.246.10.2345678.10.2026.4712")));

        var result = await StoreAsync(Withdrawal(record.Key.RecordId, record.Key.Provider, new DateTime(2026, 3, 10, 9, 0, 0)));

        Assert.Equal(VersionOutcome.Current, Assert.Single(result.Outcomes).Outcome);
        Assert.False(result.Outcomes[0].UnknownWithdrawal);
        Assert.True((await Store.GetCurrentAsync(record.Key))!.Record.Notification.Withdrawn);
        Assert.Equal(["1.2.246.10.2345678.10.2026.4712"], await CurrentRecordIdsAsync(new CurrentQuery()));
        Assert.Equal(new RegisterCounts(Versions: 3, Records: 1, Withdrawn: 1), await Store.CountAsync());
    }

    [Fact]
    public async Task A_withdrawal_of_a_record_never_received_is_stored_and_flagged()
    {
        var result = await StoreAsync(Withdrawal("1.2.246.10.9.9", "90152", new DateTime(2026, 3, 10, 9, 0, 0)));
        Assert.True(Assert.Single(result.Outcomes).UnknownWithdrawal);
    }

    [Fact]
    public async Task A_record_and_its_withdrawal_sent_together_are_not_flagged_beside_new_records_that_are_not_judged()
    {
        var record = Registered(Visit());
        var others = Enumerable.Range(0, 50).Select(i => Registered(Visit($"1.2.246.10.2345678.10.2026.{5000 + i}"))).ToArray();

        var result = await StoreAsync([.. others[..25], record, Withdrawal(record.Key.RecordId, record.Key.Provider, new DateTime(2026, 3, 10, 9, 0, 0)), .. others[25..]]);

        Assert.Equal([VersionOutcome.Superseded, VersionOutcome.Current], result.Outcomes.Where(o => o.Key == record.Key).Select(o => o.Outcome));
        Assert.DoesNotContain(result.Outcomes, o => o.UnknownWithdrawal);
        Assert.True((await Store.GetCurrentAsync(record.Key))!.Record.Notification.Withdrawn);
        Assert.Equal(new RegisterCounts(Versions: 52, Records: 50, Withdrawn: 1), await Store.CountAsync());
    }

    [Fact]
    public async Task The_register_can_be_read_as_it_stood_at_any_past_receipt_time()
    {
        var booked = Visit() with { Visit = null, UpdatedAt = new DateTime(2026, 3, 2, 8, 20, 0) };
        var first = await StoreAsync(Registered(booked));
        var second = await StoreAsync(Registered(Visit()));
        var third = await StoreAsync(Withdrawal(booked.RecordId!, booked.Provider!, new DateTime(2026, 3, 10, 9, 0, 0)));
        var key = KeyOf(booked);

        Assert.Null(await Store.GetCurrentAsync(key, first.ReceivedAt.AddTicks(-10)));
        Assert.Null(((ServiceEvent)(await Store.GetCurrentAsync(key, first.ReceivedAt))!.Record.Notification).Visit);
        Assert.NotNull(((ServiceEvent)(await Store.GetCurrentAsync(key, second.ReceivedAt.AddSeconds(30)))!.Record.Notification).Visit);
        Assert.True((await Store.GetCurrentAsync(key, third.ReceivedAt))!.Record.Notification.Withdrawn);

        Assert.Equal(new RegisterCounts(1, 1, 0), await Store.CountAsync(first.ReceivedAt));
        Assert.Equal(new RegisterCounts(2, 1, 0), await Store.CountAsync(second.ReceivedAt));
        Assert.Equal(new RegisterCounts(3, 0, 1), await Store.CountAsync(third.ReceivedAt));
        Assert.Single(await CurrentRecordIdsAsync(new CurrentQuery(second.ReceivedAt)));
        Assert.Empty(await CurrentRecordIdsAsync(new CurrentQuery(third.ReceivedAt)));
    }

    [Fact]
    public async Task The_same_record_id_at_two_providers_is_two_records()
    {
        var result = await StoreAsync(Registered(Visit(provider: "90152")), Registered(Visit(provider: "90153")));

        Assert.All(result.Outcomes, o => Assert.Equal(VersionOutcome.Current, o.Outcome));
        Assert.Equal(2, (await Store.CountAsync()).Records);
        Assert.Single(await CurrentRecordIdsAsync(new CurrentQuery(Provider: "90153")));
        var a = await Store.GetCurrentAsync(new RecordKey("90152", Visit().RecordId!));
        var b = await Store.GetCurrentAsync(new RecordKey("90153", Visit().RecordId!));
        Assert.NotEqual(a!.Record.Client!.Pseudonym, b!.Record.Client!.Pseudonym);
    }

    [Fact]
    public async Task Everything_stored_survives_a_restart_and_new_versions_continue_after_it()
    {
        var record = Registered(Visit());
        await StoreAsync(record);
        await ReopenAsync();

        var again = await StoreAsync(Registered(Visit()));
        var later = await StoreAsync(Registered(Visit() with { UpdatedAt = new DateTime(2026, 3, 10, 8, 0, 0), Unit = "1.2.246.10.2345678.10.99" }));

        Assert.Equal(VersionOutcome.Duplicate, again.Outcomes[0].Outcome);
        Assert.Equal(VersionOutcome.Current, later.Outcomes[0].Outcome);
        var history = await Store.GetHistoryAsync(record.Key);
        Assert.Equal(2, history.Count);
        Assert.True(history[1].VersionId > history[0].VersionId);
        Assert.Equal("1.2.246.10.2345678.10.99", history[1].Record.Notification.Unit);
        Assert.Equal(Canonical((ServiceEvent)record.Notification), Canonical((ServiceEvent)history[0].Record.Notification));
    }

    [Fact]
    public async Task A_unit_that_is_never_committed_leaves_no_trace()
    {
        await using (var writer = await Store.BeginSubmissionAsync(new SubmissionInfo("broken.ndjson", "NDJSON")))
        {
            await writer.AppendAsync(Indexed(Registered(Visit("1.2.246.10.2345678.10.2026.1"))));
        }

        var result = await StoreAsync(Registered(Visit("1.2.246.10.2345678.10.2026.2")));

        Assert.Equal(VersionOutcome.Current, result.Outcomes[0].Outcome);
        Assert.Null(await Store.GetCurrentAsync(new RecordKey("90152", "1.2.246.10.2345678.10.2026.1")));
        Assert.Equal(new RegisterCounts(1, 1, 0), await Store.CountAsync());
    }

    [Fact]
    public async Task Units_of_one_submission_are_committed_one_after_another()
    {
        await using var writer = await Store.BeginSubmissionAsync(new SubmissionInfo("big.ndjson", "NDJSON"));
        await writer.AppendAsync([new IndexedRecord(0, Registered(Visit()))]);
        var first = await writer.CommitAsync();
        Clock.Advance(TimeSpan.FromSeconds(1));
        await writer.AppendAsync([new IndexedRecord(1, Registered(Visit())), new IndexedRecord(2, Registered(Visit("1.2.246.10.2345678.10.2026.2")))]);
        var second = await writer.CommitAsync();

        Assert.Equal((1L, 0L), (first.Stored, first.Duplicates));
        Assert.Equal((1L, 1L), (second.Stored, second.Duplicates));
        Assert.Equal(1L, Assert.Single(second.Remarks).Index);
        Assert.True(second.ReceivedAt > first.ReceivedAt);
    }

    [Fact]
    public async Task A_submission_keeps_its_source_and_final_counts()
    {
        await using var writer = await Store.BeginSubmissionAsync(new SubmissionInfo("daily.ndjson", "NDJSON", "90152"));
        await writer.AppendAsync(Indexed(Registered(Visit())));
        await writer.CommitAsync();
        await writer.CompleteAsync(new SubmissionCounts(3, 1, 1, 1));

        var summary = await Store.GetSubmissionAsync(writer.SubmissionId);

        Assert.NotNull(summary);
        Assert.Equal(new SubmissionInfo("daily.ndjson", "NDJSON", "90152"), summary.Info);
        Assert.Equal(new SubmissionCounts(3, 1, 1, 1), summary.Counts);
        Assert.NotNull(summary.CompletedAt);
        Assert.Null(await Store.GetSubmissionAsync(writer.SubmissionId + 1000));
    }

    [Fact]
    public async Task A_submitters_submissions_list_newest_first_and_none_of_another_submitters()
    {
        var ids = new List<long>();
        foreach (var submitter in new[] { "90152", "90153", "90152", "90152" })
        {
            await using var writer = await Store.BeginSubmissionAsync(new SubmissionInfo("web form", "JSON", submitter));
            await writer.CompleteAsync(new SubmissionCounts(1, 1, 0, 0));
            ids.Add(writer.SubmissionId);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var listed = await Store.ListSubmissionsAsync("90152");
        var latestTwo = await Store.ListSubmissionsAsync("90152", limit: 2);

        Assert.Equal([ids[3], ids[2], ids[0]], listed.Select(s => s.SubmissionId));
        Assert.All(listed, s => Assert.Equal("90152", s.Info.Submitter));
        Assert.Equal(new SubmissionCounts(1, 1, 0, 0), listed[0].Counts);
        Assert.Equal([ids[3], ids[2]], latestTwo.Select(s => s.SubmissionId));
        Assert.Empty(await Store.ListSubmissionsAsync("99999"));
    }

    [Fact]
    public async Task A_submissions_findings_read_back_in_order_whether_made_before_or_after_its_units()
    {
        var syntax = Finding.ForSubmission(FindingCatalogue.Truncated, new TextPosition(3, 17, 812));
        var code = Finding.ForRecord(FindingCatalogue.UnknownCode, 0, "1.2.246.10.2345678.10.2026.1", "kaynti.palvelumuoto", "\"T99\"", "palvelumuoto");
        var version = Finding.ForRecord(FindingCatalogue.OlderThanCurrent, 1, "1.2.246.10.2345678.10.2026.2", "paivitetty");
        await using var writer = await Store.BeginSubmissionAsync(new SubmissionInfo("daily.ndjson", "NDJSON", "90152"));
        await writer.AddFindingsAsync([code]);
        await writer.AppendAsync([new IndexedRecord(1, Registered(Visit("1.2.246.10.2345678.10.2026.2")))]);
        await writer.CommitAsync();
        await writer.AddFindingsAsync([version, syntax]);
        await writer.CompleteAsync(new SubmissionCounts(3, 1, 1, 0));

        var all = await Store.GetFindingsAsync(writer.SubmissionId);
        var page = await Store.GetFindingsAsync(writer.SubmissionId, offset: 1, limit: 1);

        Assert.Equal([code, version, syntax], all, FindingComparer.Instance);
        Assert.Equal([version], page, FindingComparer.Instance);
        Assert.Equal("Code \"T99\" is not in classification palvelumuoto.", all[0].Message());
        Assert.Empty(await Store.GetFindingsAsync(writer.SubmissionId + 1000));
    }

    [Fact]
    public async Task Many_records_in_one_unit_keep_their_order_of_outcomes()
    {
        var records = Enumerable.Range(0, 5_000)
            .Select(i => Registered(Visit($"1.2.246.10.2345678.10.2026.{i}") with { UpdatedAt = new DateTime(2026, 3, 9, 17, 0, 0).AddMinutes(i % 7) }))
            .ToArray();
        await StoreAsync(records);

        var mixed = records.Select((r, i) => i % 2 == 0 ? r : Registered((ServiceEvent)r.Notification with { UpdatedAt = r.UpdatedAt.AddDays(1) })).ToArray();
        var result = await StoreAsync(mixed);

        Assert.Equal(mixed.Select((_, i) => i % 2 == 0 ? VersionOutcome.Duplicate : VersionOutcome.Current), result.Outcomes.Select(o => o.Outcome));
        Assert.Equal(new RegisterCounts(7_500, 5_000, 0), await Store.CountAsync());
    }

    /// <summary>Findings are equal when everything the feedback shows is equal (the argument list is compared by content).</summary>
    private sealed class FindingComparer : IEqualityComparer<Finding>
    {
        public static FindingComparer Instance { get; } = new();

        public bool Equals(Finding x, Finding y) =>
            (x.Code, x.Index, x.RecordId, x.Path, x.Position) == (y.Code, y.Index, y.RecordId, y.Path, y.Position)
            && x.Arguments.SequenceEqual(y.Arguments);

        public int GetHashCode(Finding obj) => HashCode.Combine(obj.Code, obj.Index);
    }

    private async Task<List<string>> CurrentRecordIdsAsync(CurrentQuery query)
    {
        var ids = new List<string>();
        await foreach (var version in Store.ReadCurrentAsync(query))
        {
            ids.Add(version.Record.Key.RecordId);
        }

        return ids;
    }
}
