using Hilmo.Notifications;
using Hilmo.Synthetic;
using Hilmo.Validation;

namespace Hilmo.Tests.Synthetic;

public sealed class ServiceEventGeneratorTests
{
    [Fact]
    public void The_same_seed_and_options_give_the_same_bytes()
    {
        var options = new GeneratorOptions { Seed = 42, InvalidShare = 0.1 };

        var first = SyntheticData.Ndjson(SyntheticData.Generator(options).Generate(20_000));
        var second = SyntheticData.Ndjson(SyntheticData.Generator(options).Generate(20_000));

        Assert.True(first.Length > 20_000 * 200, $"{first.Length} bytes");
        Assert.True(first.AsSpan().SequenceEqual(second), "Two runs with seed 42 differ.");
    }

    [Fact]
    public void Generating_twice_from_one_generator_gives_the_same_bytes()
    {
        var generator = SyntheticData.Generator(new GeneratorOptions { Seed = 5 });

        Assert.True(SyntheticData.Ndjson(generator.Generate(5_000)).AsSpan().SequenceEqual(SyntheticData.Ndjson(generator.Generate(5_000))));
    }

    [Fact]
    public void Another_seed_gives_other_records()
    {
        var first = SyntheticData.Ndjson(SyntheticData.Generator(new GeneratorOptions { Seed = 1 }).Generate(2_000));
        var second = SyntheticData.Ndjson(SyntheticData.Generator(new GeneratorOptions { Seed = 2 }).Generate(2_000));

        var firstLines = System.Text.Encoding.UTF8.GetString(first).Split('\n').ToHashSet();
        var shared = System.Text.Encoding.UTF8.GetString(second).Split('\n').Count(firstLines.Contains);
        Assert.True(shared <= 1, $"{shared} identical lines");
    }

    [Fact]
    public void The_count_asked_for_is_the_count_made_and_none_means_none()
    {
        var generator = SyntheticData.Generator();

        Assert.Equal(12_345, generator.Generate(12_345).Count());
        Assert.Empty(generator.Generate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(-1));
    }

    [Fact]
    public void Every_mistake_the_register_knows_appears_in_200000_records_at_the_default_shares()
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var warnings = new HashSet<string>(StringComparer.Ordinal);
        var kinds = new HashSet<GeneratedRecordKind>();
        foreach (var record in SyntheticData.Generator().Generate(200_000))
        {
            kinds.Add(record.Kind);
            if (record.ExpectedCode is { } code)
            {
                expected.Add(code);
            }

            if (record.ExpectedWarning is { } warning)
            {
                warnings.Add(warning);
            }
        }

        // Every record-level error of the catalogue, except the quarter-megabyte record that is off by
        // default, ACC-…, which depends on who submits a file, not on what is in it, and PER-…, which
        // only care periods can have.
        var errors = FindingCatalogue.All
            .Where(d => d.Severity == Severity.Error && !d.Code.StartsWith("SUB-", StringComparison.Ordinal) && !d.Code.StartsWith("ACC-", StringComparison.Ordinal)
                && !d.Code.StartsWith("PER-", StringComparison.Ordinal)
                && d.Code != FindingCatalogue.RecordTooLarge.Code)
            .Select(d => d.Code);
        Assert.Empty(errors.Except(expected));
        Assert.Empty(new[] { "FMT-003", "VAL-004", "CODE-006", "VER-002", "VER-003" }.Except(warnings));
        // The census is a version of care periods only (GeneratedPeriodsShapeTests); the default is AvoHILMO alone.
        Assert.Equal(Enum.GetValues<GeneratedRecordKind>().Where(k => k != GeneratedRecordKind.Census).Order(), kinds.Order());
        Assert.DoesNotContain(FindingCatalogue.RecordTooLarge.Code, expected);
    }

    [Fact]
    public void About_the_invalid_share_of_records_is_invalid()
    {
        var records = SyntheticData.Generator(new GeneratorOptions { InvalidShare = 0.05 }).Generate(40_000).ToList();

        var invalid = records.Count(r => !r.IsValid) / (double)records.Count;
        Assert.InRange(invalid, 0.044, 0.056);
        Assert.All(records.Where(r => r.Kind == GeneratedRecordKind.Invalid), r => Assert.NotNull(r.ExpectedCode));
        Assert.All(records.Where(r => r.IsValid), r => Assert.NotEqual(GeneratedRecordKind.Invalid, r.Kind));
    }

    [Fact]
    public void No_time_lies_after_the_clock_in_the_current_year()
    {
        var now = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.FromHours(2));
        var generator = SyntheticData.Generator(new GeneratorOptions { Year = 2026 }, now);
        var latest = new DateTime(2026, 3, 10, 0, 0, 0);

        Assert.Equal(new DateOnly(2026, 3, 8), generator.LastDay);
        foreach (var record in generator.Generate(20_000).Where(r => r.ExpectedCode != FindingCatalogue.TimeInFuture.Code && r.Submitted is not null))
        {
            foreach (var time in Times((ServiceEvent)record.Submitted!.Notification))
            {
                Assert.True(time < latest, $"{time:s} in {record.Kind} {record.Submitted.Notification.RecordId}");
            }
        }
    }

    [Fact]
    public void No_time_lies_before_2011_in_its_first_year()
    {
        var generator = SyntheticData.Generator(new GeneratorOptions { Year = 2011 });

        foreach (var record in generator.Generate(20_000).Where(r => r.Submitted is not null))
        {
            var e = (ServiceEvent)record.Submitted!.Notification;
            if (record.ExpectedCode != FindingCatalogue.TimeBefore2011.Code)
            {
                Assert.All(Times(e), time => Assert.True(time >= new DateTime(2011, 1, 1), $"{time:s} in {record.Kind}"));
                Assert.True(e.Appointment?.ScheduledFor is not { } scheduled || scheduled.Year >= 2011);
            }
        }
    }

    [Fact]
    public void The_default_year_is_the_last_complete_one()
    {
        var generator = SyntheticData.Generator();

        Assert.Equal(2025, generator.Year);
        Assert.Equal(new DateOnly(2025, 1, 1), generator.FirstDay);
        Assert.Equal(new DateOnly(2025, 12, 31), generator.LastDay);
    }

    [Theory]
    [InlineData(2010)]
    [InlineData(2027)]
    public void A_year_before_the_register_or_without_a_week_behind_it_is_refused(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Generator(new GeneratorOptions { Year = year }));
    }

    [Fact]
    public void Shares_that_leave_almost_nothing_for_new_events_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Generator(new GeneratorOptions { InvalidShare = 0.5, UpdateShare = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Generator(new GeneratorOptions { ResendShare = -0.1 }));
    }

    [Fact]
    public void Every_later_version_resend_conflict_and_late_version_is_what_its_kind_says()
    {
        // Late earlier versions follow their record by two store units of the ingest pipeline, so
        // the file must be longer than that for them to appear.
        const int count = 160_000;
        var versions = new VersionCheck();
        var counts = new Dictionary<GeneratedRecordKind, int>();
        var problems = new List<string>();
        foreach (var record in SyntheticData.Generator(new GeneratorOptions { Seed = 3, WarningShare = 0.02 }).Generate(count))
        {
            counts[record.Kind] = counts.GetValueOrDefault(record.Kind) + 1;
            if ((record.IsValid || record.Kind == GeneratedRecordKind.Conflict) && versions.Check(record) is { } problem)
            {
                problems.Add($"{record.Kind} {record.Submitted?.Notification.RecordId}: {problem}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        Assert.True(counts.GetValueOrDefault(GeneratedRecordKind.LateEarlierVersion) > 50, $"{counts.GetValueOrDefault(GeneratedRecordKind.LateEarlierVersion)} late versions");

        // About the shares asked for; updates follow their bookings, so some are still pending at the end.
        Assert.InRange(counts[GeneratedRecordKind.Update] / (double)count, 0.065, 0.085);
        Assert.InRange(counts[GeneratedRecordKind.Cancellation] / (double)count, 0.011, 0.017);
        Assert.InRange(counts[GeneratedRecordKind.Resend] / (double)count, 0.004, 0.006);
        Assert.InRange(counts[GeneratedRecordKind.Withdrawal] / (double)count, 0.0015, 0.0025);
    }

    private static IEnumerable<DateTime> Times(ServiceEvent e)
    {
        DateTime?[] times =
        [
            e.UpdatedAt, e.Contact?.Time, e.Assessment?.Time, e.Appointment?.BookedAt, e.Visit?.Start, e.Visit?.End, e.Cancellation?.Time,
            .. e.Medications.Select(m => m.PrescribedAt),
        ];
        return times.Where(t => t is not null).Select(t => t!.Value);
    }
}
