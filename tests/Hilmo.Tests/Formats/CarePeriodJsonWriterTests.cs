using System.Text;
using System.Text.Json;
using Hilmo.Formats;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Testing;

namespace Hilmo.Tests.Formats;

public sealed class CarePeriodJsonWriterTests
{
    private static string Write(Notification record, IdentityCodeText? identityCode = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, NotificationJsonWriter.WriterOptions))
        {
            NotificationJsonWriter.Write(writer, record, identityCode);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A JSON text written over several lines for reading, as the one line the writer makes.</summary>
    private static string OneLine(string lines) => string.Concat(lines.Split('\n').Select(l => l.Trim()));

    [Fact]
    public void The_ward_period_of_the_field_table_is_written_as_its_example_with_rekisteri_first()
    {
        var json = Write(TestPeriods.Ward(), new IdentityCodeText(TestPeriods.WardIdentityCode));

        Assert.Equal(
            OneLine("""
            {"rekisteri":"terveyshilmo","tunnus":"1.2.246.10.2345678.20.2025.815","paivitetty":"2025-03-12T14:05",
            "asiakas":{"hetu":"131052-308T","kotikunta":"091"},"tuottaja":"90152","yksikko":"1.2.246.10.2345678.10.40",
            "tulopaiva":"2025-03-05","lahtopaiva":"2025-03-12","lahete":{"saapunut":"2025-02-10","kasitelty":"2025-02-12"},
            "jonoonPaiva":"2025-02-12","erikoisala":"20","yhteystapa":"R80","kiireellisyys":"4",
            "tuliMista":"1","lahtiMinne":"2","diagnoosit":[{"icd10":"M16.1"}],
            "toimenpiteet":[{"koodi":"NFB41","alku":"2025-03-06T09:10","loppu":"2025-03-06T10:45"}]}
            """),
            json);
    }

    [Fact]
    public void The_census_of_a_social_care_period_is_written_with_its_costs_without_trailing_zeros()
    {
        var json = Write(TestPeriods.Census(), new IdentityCodeText(TestPeriods.CensusIdentityCode));

        Assert.Equal(
            OneLine("""
            {"rekisteri":"sosiaalihilmo","tunnus":"1.2.246.10.7654321.30.2023.77","paivitetty":"2026-01-08T09:00",
            "asiakas":{"hetu":"010130-1235","kotikunta":"837"},"tuottaja":"70011","yksikko":"1.2.246.10.7654321.10.3",
            "palveluala":"32","tulopaiva":"2023-05-02","laskentapaiva":"2025-12-31","tuliMista":"2",
            "hoitoonTulonSyyt":["01","06"],"diagnoosit":[{"icd10":"G30.1"}],"maksaja":"1",
            "kustannukset":{"paivahinta":182.5,"asiakasmaksu":1450}}
            """),
            json);
    }

    [Fact]
    public void Psychiatry_intensive_care_and_medication_are_written_in_the_order_of_the_field_table()
    {
        var period = TestPeriods.Ward() with
        {
            Specialty = "70",
            Medications = [new Medication { Atc = "N05AH03" }],
            IntensiveCare = new IntensiveCare { Start = new DateTime(2025, 3, 6, 11, 0, 0), End = new DateTime(2025, 3, 7, 8, 30, 0) },
            Psychiatry = new PsychiatricCare { AdmissionType = "3", GasOnArrival = 25, GasOnDischarge = 48, CoerciveMeasures = false },
        };

        var json = Write(period);

        Assert.DoesNotContain("hetu", json, StringComparison.Ordinal);
        Assert.EndsWith(
            OneLine("""
            "laakitys":[{"atc":"N05AH03"}],"tehohoito":{"alku":"2025-03-06T11:00","loppu":"2025-03-07T08:30"},
            "psykiatria":{"tulotapa":"3","gasTulo":25,"gasLahto":48,"pakkotoimet":false}}
            """),
            json);
    }

    [Fact]
    public void A_service_event_is_written_as_before_without_rekisteri()
    {
        Assert.StartsWith("""{"tunnus":"1.2.246.10.2345678.10.2026.4711","paivitetty":""", Write(TestRecords.Visit()));
    }

    [Fact]
    public void The_content_hash_of_a_period_ignores_the_scale_of_its_costs_but_not_a_change_of_them()
    {
        var hash = new ContentHash();
        var census = TestPeriods.Census();

        var asSent = hash.Compute(census, null);
        var sameValues = hash.Compute(census with { Costs = new CareCosts { DailyPrice = 182.5000m, MonthlyClientFee = 1450m } }, null);
        var otherPrice = hash.Compute(census with { Costs = new CareCosts { DailyPrice = 185.00m, MonthlyClientFee = 1450m } }, null);

        Assert.Equal(asSent, sameValues);
        Assert.NotEqual(asSent, otherPrice);
    }

    [Fact]
    public void The_content_hash_tells_an_ended_period_from_its_admission_version()
    {
        var hash = new ContentHash();
        var ended = TestPeriods.Ward();
        var open = ended with { DischargeDate = null, DischargedTo = null };

        Assert.NotEqual(hash.Compute(ended, null), hash.Compute(open, null));
    }
}
