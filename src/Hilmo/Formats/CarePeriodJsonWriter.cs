using System.Text.Json;
using Hilmo.Notifications;
using static Hilmo.Formats.NotificationJsonWriter;

namespace Hilmo.Formats;

/// <summary>
/// Writes a Terveys-Hilmo or Sosiaalihilmo care period in the JSON wire format of
/// <c>docs/registers/</c>: <c>rekisteri</c> first, then the members in the order of the field
/// tables, absent values left out. Like <see cref="ServiceEventJsonWriter"/> it makes files and the
/// canonical form of the content hash.
/// </summary>
public static class CarePeriodJsonWriter
{
    private static readonly JsonEncodedText Register = JsonEncodedText.Encode(WireNames.Register);
    private static readonly JsonEncodedText ArrivalDate = JsonEncodedText.Encode(WireNames.ArrivalDate);
    private static readonly JsonEncodedText DischargeDate = JsonEncodedText.Encode(WireNames.DischargeDate);
    private static readonly JsonEncodedText CensusDate = JsonEncodedText.Encode(WireNames.CensusDate);
    private static readonly JsonEncodedText ArrivedFrom = JsonEncodedText.Encode(WireNames.ArrivedFrom);
    private static readonly JsonEncodedText DischargedTo = JsonEncodedText.Encode(WireNames.DischargedTo);
    private static readonly JsonEncodedText Diagnoses = JsonEncodedText.Encode(WireNames.Diagnoses);
    private static readonly JsonEncodedText Icd10 = JsonEncodedText.Encode(WireNames.Icd10);
    private static readonly JsonEncodedText ExternalCause = JsonEncodedText.Encode(WireNames.ExternalCause);
    private static readonly JsonEncodedText AccidentType = JsonEncodedText.Encode(WireNames.AccidentType);
    private static readonly JsonEncodedText Referral = JsonEncodedText.Encode(WireNames.Referral);
    private static readonly JsonEncodedText ReferralArrived = JsonEncodedText.Encode(WireNames.ReferralArrived);
    private static readonly JsonEncodedText ReferralHandled = JsonEncodedText.Encode(WireNames.ReferralHandled);
    private static readonly JsonEncodedText QueuedOn = JsonEncodedText.Encode(WireNames.QueuedOn);
    private static readonly JsonEncodedText Specialty = JsonEncodedText.Encode(WireNames.Specialty);
    private static readonly JsonEncodedText ContactType = JsonEncodedText.Encode(WireNames.ContactType);
    private static readonly JsonEncodedText Urgency = JsonEncodedText.Encode(WireNames.Urgency);
    private static readonly JsonEncodedText Procedures = JsonEncodedText.Encode(WireNames.Procedures);
    private static readonly JsonEncodedText ProcedureCode = JsonEncodedText.Encode(WireNames.ProcedureCode);
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode(WireNames.Start);
    private static readonly JsonEncodedText End = JsonEncodedText.Encode(WireNames.End);
    private static readonly JsonEncodedText IntensiveCare = JsonEncodedText.Encode(WireNames.IntensiveCare);
    private static readonly JsonEncodedText Psychiatry = JsonEncodedText.Encode(WireNames.Psychiatry);
    private static readonly JsonEncodedText AdmissionType = JsonEncodedText.Encode(WireNames.AdmissionType);
    private static readonly JsonEncodedText GasOnArrival = JsonEncodedText.Encode(WireNames.GasOnArrival);
    private static readonly JsonEncodedText GasOnDischarge = JsonEncodedText.Encode(WireNames.GasOnDischarge);
    private static readonly JsonEncodedText CoerciveMeasures = JsonEncodedText.Encode(WireNames.CoerciveMeasures);
    private static readonly JsonEncodedText ServiceArea = JsonEncodedText.Encode(WireNames.ServiceArea);
    private static readonly JsonEncodedText CareReasons = JsonEncodedText.Encode(WireNames.CareReasons);
    private static readonly JsonEncodedText Payer = JsonEncodedText.Encode(WireNames.Payer);
    private static readonly JsonEncodedText Costs = JsonEncodedText.Encode(WireNames.Costs);
    private static readonly JsonEncodedText DailyPrice = JsonEncodedText.Encode(WireNames.DailyPrice);
    private static readonly JsonEncodedText MonthlyClientFee = JsonEncodedText.Encode(WireNames.MonthlyClientFee);

    /// <summary>Writes <paramref name="period"/> as one JSON object, with the identity code when one is given.</summary>
    public static void Write(Utf8JsonWriter writer, CarePeriod period, IdentityCodeText? identityCode = null)
    {
        writer.WriteStartObject();
        writer.WriteString(Register, period.Register.WireName());
        WriteCommon(writer, period, identityCode);
        switch (period)
        {
            case HealthCarePeriod health:
                WriteHealthCare(writer, health);
                break;
            case SocialCarePeriod social:
                WriteSocialCare(writer, social);
                break;
            default:
                throw new ArgumentException($"No wire format for {period.GetType().Name}.", nameof(period));
        }

        writer.WriteEndObject();
    }

    private static void WriteHealthCare(Utf8JsonWriter writer, HealthCarePeriod p)
    {
        WriteDates(writer, p);
        if (p.Referral is { } referral)
        {
            writer.WriteStartObject(Referral);
            LocalDate(writer, ReferralArrived, referral.ArrivedOn);
            LocalDate(writer, ReferralHandled, referral.HandledOn);
            writer.WriteEndObject();
        }

        LocalDate(writer, QueuedOn, p.QueuedOn);
        Text(writer, Specialty, p.Specialty);
        Text(writer, ContactType, p.ContactType);
        Text(writer, Urgency, p.Urgency);
        WritePlaces(writer, p);
        WriteDiagnoses(writer, p);
        if (!p.Procedures.IsDefaultOrEmpty)
        {
            writer.WriteStartArray(Procedures);
            foreach (var procedure in p.Procedures)
            {
                writer.WriteStartObject();
                Text(writer, ProcedureCode, procedure.Code);
                LocalTime(writer, Start, procedure.Start);
                LocalTime(writer, End, procedure.End);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteMedications(writer, p.Medications);
        if (p.IntensiveCare is { } intensive)
        {
            writer.WriteStartObject(IntensiveCare);
            LocalTime(writer, Start, intensive.Start);
            LocalTime(writer, End, intensive.End);
            writer.WriteEndObject();
        }

        if (p.Psychiatry is { } psychiatry)
        {
            writer.WriteStartObject(Psychiatry);
            Text(writer, AdmissionType, psychiatry.AdmissionType);
            Number(writer, GasOnArrival, psychiatry.GasOnArrival);
            Number(writer, GasOnDischarge, psychiatry.GasOnDischarge);
            Boolean(writer, CoerciveMeasures, psychiatry.CoerciveMeasures);
            writer.WriteEndObject();
        }
    }

    private static void WriteSocialCare(Utf8JsonWriter writer, SocialCarePeriod p)
    {
        Text(writer, ServiceArea, p.ServiceArea);
        WriteDates(writer, p);
        WritePlaces(writer, p);
        if (!p.Reasons.IsDefaultOrEmpty)
        {
            writer.WriteStartArray(CareReasons);
            foreach (var reason in p.Reasons)
            {
                writer.WriteStringValue(reason);
            }

            writer.WriteEndArray();
        }

        WriteDiagnoses(writer, p);
        Text(writer, Payer, p.Payer);
        if (p.Costs is { } costs)
        {
            writer.WriteStartObject(Costs);
            Number(writer, DailyPrice, costs.DailyPrice);
            Number(writer, MonthlyClientFee, costs.MonthlyClientFee);
            writer.WriteEndObject();
        }
    }

    private static void WriteDates(Utf8JsonWriter writer, CarePeriod p)
    {
        LocalDate(writer, ArrivalDate, p.ArrivalDate);
        LocalDate(writer, DischargeDate, p.DischargeDate);
        LocalDate(writer, CensusDate, p.CensusDate);
    }

    private static void WritePlaces(Utf8JsonWriter writer, CarePeriod p)
    {
        Text(writer, ArrivedFrom, p.ArrivedFrom);
        Text(writer, DischargedTo, p.DischargedTo);
    }

    private static void WriteDiagnoses(Utf8JsonWriter writer, CarePeriod p)
    {
        if (p.Diagnoses.IsDefaultOrEmpty)
        {
            return;
        }

        writer.WriteStartArray(Diagnoses);
        foreach (var diagnosis in p.Diagnoses)
        {
            writer.WriteStartObject();
            Text(writer, Icd10, diagnosis.Icd10);
            Text(writer, ExternalCause, diagnosis.ExternalCause);
            Text(writer, AccidentType, diagnosis.AccidentType);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
