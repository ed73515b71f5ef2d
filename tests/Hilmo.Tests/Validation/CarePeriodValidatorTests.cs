using Hilmo.Codes;
using Hilmo.Notifications;
using Hilmo.Testing;
using Hilmo.Validation;

namespace Hilmo.Tests.Validation;

public sealed class CarePeriodValidatorTests
{
    private static readonly CodeServer Codes = CodeServer.Load(RepositoryFolders.ShippedCodes);

    // 20 January 2026 at noon in Helsinki: after the 2025 census, before the 28 February deadline.
    private static readonly NotificationValidator Validator =
        new(Codes, new ManualTimeProvider(new DateTimeOffset(2026, 1, 20, 10, 0, 0, TimeSpan.Zero)));

    private static List<Finding> Validate(CarePeriod period, string? identityCode = TestPeriods.WardIdentityCode) =>
        ValidatorFindings.Of(Validator, period, identityCode);

    private static (string Code, string? Path)[] CodesAndPaths(CarePeriod period, string identityCode = TestPeriods.WardIdentityCode) =>
        [.. Validate(period, identityCode).Select(f => (f.Code, f.Path))];

    private static HealthCarePeriod Psychiatric => TestPeriods.Ward() with
    {
        Specialty = "70",
        Diagnoses = [new Diagnosis { Icd10 = "F32.2" }],
        Procedures = [],
        Psychiatry = new PsychiatricCare { AdmissionType = "3", GasOnArrival = 30, GasOnDischarge = 55, CoerciveMeasures = false },
    };

    [Fact]
    public void The_valid_examples_of_both_registers_pass_without_errors()
    {
        Assert.Empty(Validate(TestPeriods.Ward()));
        Assert.Empty(Validate(TestPeriods.Census(), TestPeriods.CensusIdentityCode));
        Assert.Empty(Validate(Psychiatric));
    }

    [Fact]
    public void An_open_period_needs_neither_discharge_destination_nor_diagnosis()
    {
        var admitted = TestPeriods.Ward() with { DischargeDate = null, DischargedTo = null, Diagnoses = [], Procedures = [] };

        Assert.Empty(Validate(admitted));
    }

    [Fact]
    public void A_discharged_period_needs_its_destination_and_a_primary_diagnosis()
    {
        var discharged = TestPeriods.Ward() with { DischargedTo = null, Diagnoses = [] };

        Assert.Equal([("REQ-001", "lahtiMinne"), ("REQ-001", "diagnoosit")], CodesAndPaths(discharged));
    }

    [Fact]
    public void The_required_fields_of_a_health_care_period_are_named()
    {
        var bare = new HealthCarePeriod { RecordId = "1.2.246.10.2345678.20.2025.816", UpdatedAt = new DateTime(2025, 3, 5, 8, 0, 0), Provider = "90152" };

        Assert.Equal(
            ["asiakas.hetu", "tulopaiva", "erikoisala", "yhteystapa", "kiireellisyys"],
            Validate(bare, identityCode: null).Where(f => f.Code == "REQ-001").Select(f => f.Path));
    }

    [Fact]
    public void A_withdrawal_of_a_period_needs_only_its_key()
    {
        var withdrawal = new SocialCarePeriod { RecordId = "1.2.246.10.7654321.30.2023.77", UpdatedAt = new DateTime(2026, 1, 9, 8, 0, 0), Provider = "70011", Withdrawn = true };

        Assert.Empty(Validate(withdrawal, identityCode: null));
    }

    [Fact]
    public void A_census_day_that_is_not_31_December_is_refused()
    {
        var census = TestPeriods.Census() with { CensusDate = new DateOnly(2025, 12, 30) };

        Assert.Equal([(FindingCatalogue.CensusNotYearEnd.Code, "laskentapaiva")], CodesAndPaths(census));
    }

    [Fact]
    public void A_census_before_the_arrival_or_on_or_after_the_discharge_is_outside_the_period()
    {
        var beforeArrival = TestPeriods.Census() with { ArrivalDate = new DateOnly(2026, 1, 2), CensusDate = new DateOnly(2025, 12, 31) };
        var onDischarge = TestPeriods.Census() with { DischargeDate = new DateOnly(2025, 12, 31), DischargedTo = "7" };
        var dischargedLater = TestPeriods.Census() with { DischargeDate = new DateOnly(2026, 1, 5), DischargedTo = "7" };

        Assert.Contains((FindingCatalogue.CensusOutsidePeriod.Code, "laskentapaiva"), CodesAndPaths(beforeArrival));
        Assert.Equal([(FindingCatalogue.CensusOutsidePeriod.Code, "laskentapaiva")], CodesAndPaths(onDischarge));
        Assert.Empty(CodesAndPaths(dischargedLater));
    }

    [Fact]
    public void A_census_of_a_year_not_yet_over_is_in_the_future()
    {
        var early = TestPeriods.Census() with { CensusDate = new DateOnly(2026, 12, 31), UpdatedAt = new DateTime(2026, 1, 10, 9, 0, 0) };

        Assert.Equal([("TIME-002", "laskentapaiva")], CodesAndPaths(early));
    }

    [Fact]
    public void Procedures_and_intensive_care_must_lie_within_the_period_and_end_after_they_start()
    {
        var period = TestPeriods.Ward() with
        {
            Procedures =
            [
                new PeriodProcedure { Code = "NFB41", Start = new DateTime(2025, 3, 4, 23, 50, 0), End = new DateTime(2025, 3, 5, 0, 40, 0) },
                new PeriodProcedure { Code = "SPAT1010", Start = new DateTime(2025, 3, 12, 23, 59, 0) },
            ],
            IntensiveCare = new IntensiveCare { Start = new DateTime(2025, 3, 7, 10, 0, 0), End = new DateTime(2025, 3, 7, 8, 0, 0) },
        };

        Assert.Equal(
            [(FindingCatalogue.OutsidePeriod.Code, "toimenpiteet[0].alku"), ("TIME-001", "tehohoito.loppu")],
            CodesAndPaths(period));
    }

    [Fact]
    public void A_procedure_is_checked_against_THLs_classification_on_the_periods_day()
    {
        // NFB40 ended 2023-12-31 (NFB41 and NFB42 replace it); NFB49 has the form but is no code; a group is no procedure.
        var period = TestPeriods.Ward() with
        {
            Procedures =
            [
                new PeriodProcedure { Code = "NFB40" }, new PeriodProcedure { Code = "NFB49" }, new PeriodProcedure { Code = "lonkka" },
                new PeriodProcedure { Code = "NFB" }, new PeriodProcedure { Code = "NFB41" },
            ],
        };

        Assert.Equal(
            [("CODE-002", "toimenpiteet[0].koodi"), ("CODE-001", "toimenpiteet[1].koodi"), ("CODE-005", "toimenpiteet[2].koodi"), ("CODE-003", "toimenpiteet[3].koodi")],
            Validate(period).Select(f => (f.Code, f.Path)));
    }

    [Fact]
    public void Dates_out_of_order_are_named_with_the_date_they_precede()
    {
        var period = TestPeriods.Ward() with
        {
            Referral = new Referral { ArrivedOn = new DateOnly(2025, 2, 12), HandledOn = new DateOnly(2025, 2, 10) },
            QueuedOn = new DateOnly(2025, 3, 6),
            DischargeDate = new DateOnly(2025, 3, 4),
            Procedures = [],
        };

        var findings = Validate(period).Where(f => f.Code == "TIME-001").Select(f => (f.Path, f.Arguments[0])).ToArray();

        Assert.Equal([("lahtopaiva", "tulopaiva"), ("lahete.kasitelty", "lahete.saapunut"), ("tulopaiva", "jonoonPaiva")], findings);
    }

    [Fact]
    public void An_arrival_in_the_future_is_refused()
    {
        var period = TestPeriods.Ward() with { ArrivalDate = new DateOnly(2026, 1, 21), DischargeDate = null, DischargedTo = null, Procedures = [] };

        Assert.Equal([("TIME-002", "tulopaiva")], CodesAndPaths(period));
    }

    [Fact]
    public void Psychiatric_items_with_a_non_psychiatric_specialty_are_refused()
    {
        var period = Psychiatric with { Specialty = "20" };

        var finding = Assert.Single(Validate(period));
        Assert.Equal((FindingCatalogue.PsychiatryWithoutPsychiatricSpecialty.Code, "psykiatria"), (finding.Code, finding.Path));
        Assert.Equal(["\"20\""], finding.Arguments);
        Assert.Empty(Validate(Psychiatric with { Specialty = "70Z" }));
        Assert.Empty(Validate(Psychiatric with { Specialty = "74" }));
    }

    [Fact]
    public void A_GAS_score_beyond_100_is_implausible()
    {
        var period = Psychiatric with { Psychiatry = Psychiatric.Psychiatry! with { GasOnDischarge = 120 } };

        Assert.Equal([("VAL-001", "psykiatria.gasLahto")], CodesAndPaths(period));
    }

    [Fact]
    public void A_ward_period_without_a_night_is_a_warning()
    {
        var period = TestPeriods.Ward() with { DischargeDate = new DateOnly(2025, 3, 5), Procedures = [] };

        var finding = Assert.Single(Validate(period));
        Assert.Equal((FindingCatalogue.WardPeriodWithoutNight.Code, Severity.Warning), (finding.Code, finding.Severity));
    }

    [Fact]
    public void Death_as_destination_of_an_open_period_is_a_warning_and_as_origin_an_error()
    {
        var open = TestPeriods.Census() with { DischargedTo = CarePeriodValidator.Died };
        var origin = TestPeriods.Census() with { ArrivedFrom = CarePeriodValidator.Died };

        var warning = Assert.Single(Validate(open, TestPeriods.CensusIdentityCode));
        Assert.Equal((FindingCatalogue.DiedWithoutDischarge.Code, "lahtiMinne", Severity.Warning), (warning.Code, warning.Path, warning.Severity));
        var error = Assert.Single(Validate(origin, TestPeriods.CensusIdentityCode));
        Assert.Equal((FindingCatalogue.DiedAsArrival.Code, "tuliMista", Severity.Error), (error.Code, error.Path, error.Severity));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("91")]
    public void A_health_care_service_area_is_refused_in_Sosiaalihilmo(string area)
    {
        var period = TestPeriods.Census() with { ServiceArea = area };

        var finding = Assert.Single(Validate(period, TestPeriods.CensusIdentityCode), f => f.Code == FindingCatalogue.NotSocialCareServiceArea.Code);
        Assert.Equal("palveluala", finding.Path);
    }

    [Fact]
    public void A_social_care_period_needs_its_home_municipality_service_area_and_a_reason()
    {
        var period = TestPeriods.Census() with { Client = null, ServiceArea = null, Reasons = [] };

        Assert.Equal(
            [("REQ-001", "asiakas.kotikunta"), ("REQ-001", "palveluala"), ("REQ-001", "hoitoonTulonSyyt")],
            CodesAndPaths(period));
    }

    [Fact]
    public void Provisional_lists_warn_of_a_code_they_do_not_hold_and_costs_must_be_plausible()
    {
        var period = TestPeriods.Census() with
        {
            Reasons = ["01", "11"],
            Payer = "7",
            Costs = new CareCosts { DailyPrice = -5m, MonthlyClientFee = 250_000m },
        };

        Assert.Equal(
            [("CODE-006", "hoitoonTulonSyyt[1]"), ("CODE-006", "maksaja"), ("VAL-001", "kustannukset.paivahinta"), ("VAL-001", "kustannukset.asiakasmaksu")],
            CodesAndPaths(period));
    }

    [Fact]
    public void An_external_cause_needs_an_injury_diagnosis_in_a_period_too()
    {
        var period = TestPeriods.Ward() with { Diagnoses = [new Diagnosis { Icd10 = "M16.1", ExternalCause = "W01" }] };

        Assert.Equal([("RULE-001", "diagnoosit[0].ulkoinenSyy")], CodesAndPaths(period));
    }

    [Fact]
    public void Codes_are_checked_on_the_reference_day_of_the_period()
    {
        // Urgency 3–6 came into use in 2019; an older period is judged by the older list.
        var period = TestPeriods.Ward() with
        {
            UpdatedAt = new DateTime(2018, 3, 12, 14, 5, 0), ArrivalDate = new DateOnly(2018, 3, 5), DischargeDate = new DateOnly(2018, 3, 12),
            Referral = null, QueuedOn = null, Procedures = [], ContactType = null,
        };

        Assert.Contains(("CODE-002", "kiireellisyys"), CodesAndPaths(period));
    }
}
