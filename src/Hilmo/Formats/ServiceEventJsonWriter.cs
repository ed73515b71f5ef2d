using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Hilmo.Notifications;
using static Hilmo.Formats.NotificationJsonWriter;

namespace Hilmo.Formats;

/// <summary>
/// Writes a service event in the AvoHILMO JSON wire format, members in the order of the
/// specification, absent values left out. The same writer makes files for submitters, the
/// register's exports, and the canonical form a version's content hash is taken of.
/// </summary>
public static class ServiceEventJsonWriter
{
    /// <summary>Escapes markup characters but not Finnish letters, so text stays readable and inert.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
        SkipValidation = true,
    };

    private static readonly JsonEncodedText Contact = JsonEncodedText.Encode(WireNames.Contact);
    private static readonly JsonEncodedText Assessment = JsonEncodedText.Encode(WireNames.Assessment);
    private static readonly JsonEncodedText Appointment = JsonEncodedText.Encode(WireNames.Appointment);
    private static readonly JsonEncodedText Visit = JsonEncodedText.Encode(WireNames.Visit);
    private static readonly JsonEncodedText Cancellation = JsonEncodedText.Encode(WireNames.Cancellation);
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode(WireNames.Time);
    private static readonly JsonEncodedText Profession = JsonEncodedText.Encode(WireNames.Profession);
    private static readonly JsonEncodedText Urgency = JsonEncodedText.Encode(WireNames.Urgency);
    private static readonly JsonEncodedText Nature = JsonEncodedText.Encode(WireNames.Nature);
    private static readonly JsonEncodedText FirstVisit = JsonEncodedText.Encode(WireNames.FirstVisit);
    private static readonly JsonEncodedText Result = JsonEncodedText.Encode(WireNames.Result);
    private static readonly JsonEncodedText ScheduledFor = JsonEncodedText.Encode(WireNames.ScheduledFor);
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode(WireNames.Start);
    private static readonly JsonEncodedText End = JsonEncodedText.Encode(WireNames.End);
    private static readonly JsonEncodedText Professional = JsonEncodedText.Encode(WireNames.Professional);
    private static readonly JsonEncodedText ServiceForm = JsonEncodedText.Encode(WireNames.ServiceForm);
    private static readonly JsonEncodedText ContactType = JsonEncodedText.Encode(WireNames.ContactType);
    private static readonly JsonEncodedText VisitorGroup = JsonEncodedText.Encode(WireNames.VisitorGroup);
    private static readonly JsonEncodedText CancellationReason = JsonEncodedText.Encode(WireNames.CancellationReason);
    private static readonly JsonEncodedText Reasons = JsonEncodedText.Encode(WireNames.Reasons);
    private static readonly JsonEncodedText Icd10 = JsonEncodedText.Encode(WireNames.Icd10);
    private static readonly JsonEncodedText ExternalCause = JsonEncodedText.Encode(WireNames.ExternalCause);
    private static readonly JsonEncodedText AccidentType = JsonEncodedText.Encode(WireNames.AccidentType);
    private static readonly JsonEncodedText Icpc2 = JsonEncodedText.Encode(WireNames.Icpc2);
    private static readonly JsonEncodedText Procedures = JsonEncodedText.Encode(WireNames.Procedures);
    private static readonly JsonEncodedText Spat = JsonEncodedText.Encode(WireNames.Spat);
    private static readonly JsonEncodedText OralProcedure = JsonEncodedText.Encode(WireNames.OralProcedure);
    private static readonly JsonEncodedText Tooth = JsonEncodedText.Encode(WireNames.Tooth);
    private static readonly JsonEncodedText HealthFactors = JsonEncodedText.Encode(WireNames.HealthFactors);
    private static readonly JsonEncodedText DecayedPermanentTeeth = JsonEncodedText.Encode(WireNames.DecayedPermanentTeeth);
    private static readonly JsonEncodedText MissingPermanentTeeth = JsonEncodedText.Encode(WireNames.MissingPermanentTeeth);
    private static readonly JsonEncodedText FilledPermanentTeeth = JsonEncodedText.Encode(WireNames.FilledPermanentTeeth);
    private static readonly JsonEncodedText DecayedPrimaryTeeth = JsonEncodedText.Encode(WireNames.DecayedPrimaryTeeth);
    private static readonly JsonEncodedText MissingPrimaryTeeth = JsonEncodedText.Encode(WireNames.MissingPrimaryTeeth);
    private static readonly JsonEncodedText FilledPrimaryTeeth = JsonEncodedText.Encode(WireNames.FilledPrimaryTeeth);
    private static readonly JsonEncodedText GumStatus = JsonEncodedText.Encode(WireNames.GumStatus);
    private static readonly JsonEncodedText Weight = JsonEncodedText.Encode(WireNames.Weight);
    private static readonly JsonEncodedText Height = JsonEncodedText.Encode(WireNames.Height);
    private static readonly JsonEncodedText Smoking = JsonEncodedText.Encode(WireNames.Smoking);
    private static readonly JsonEncodedText FollowUpCare = JsonEncodedText.Encode(WireNames.FollowUpCare);

    /// <summary>Writes <paramref name="serviceEvent"/> as one JSON object, with the identity code when one is given.</summary>
    public static void Write(Utf8JsonWriter writer, ServiceEvent serviceEvent, IdentityCodeText? identityCode = null)
    {
        var e = serviceEvent;
        writer.WriteStartObject();
        WriteCommon(writer, e, identityCode);
        if (e.Contact is { } contact)
        {
            writer.WriteStartObject(Contact);
            LocalTime(writer, Time, contact.Time);
            writer.WriteEndObject();
        }

        if (e.Assessment is { } assessment)
        {
            writer.WriteStartObject(Assessment);
            LocalTime(writer, Time, assessment.Time);
            Text(writer, Profession, assessment.Profession);
            Text(writer, Urgency, assessment.Urgency);
            Text(writer, Nature, assessment.Nature);
            Text(writer, FirstVisit, assessment.FirstVisit);
            Text(writer, Result, assessment.Result);
            writer.WriteEndObject();
        }

        if (e.Appointment is { } appointment)
        {
            writer.WriteStartObject(Appointment);
            LocalTime(writer, Time, appointment.BookedAt);
            LocalTime(writer, ScheduledFor, appointment.ScheduledFor);
            writer.WriteEndObject();
        }

        if (e.Visit is { } visit)
        {
            writer.WriteStartObject(Visit);
            LocalTime(writer, Start, visit.Start);
            LocalTime(writer, End, visit.End);
            Text(writer, Profession, visit.Profession);
            Text(writer, Professional, visit.Professional);
            Text(writer, ServiceForm, visit.ServiceForm);
            Text(writer, ContactType, visit.ContactType);
            Text(writer, VisitorGroup, visit.VisitorGroup);
            Text(writer, Urgency, visit.Urgency);
            Text(writer, Nature, visit.Nature);
            Text(writer, FirstVisit, visit.FirstVisit);
            writer.WriteEndObject();
        }

        if (!e.Reasons.IsDefaultOrEmpty)
        {
            writer.WriteStartArray(Reasons);
            foreach (var reason in e.Reasons)
            {
                writer.WriteStartObject();
                Text(writer, Icd10, reason.Icd10);
                Text(writer, ExternalCause, reason.ExternalCause);
                Text(writer, AccidentType, reason.AccidentType);
                Text(writer, Icpc2, reason.Icpc2);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (!e.Procedures.IsDefaultOrEmpty)
        {
            writer.WriteStartArray(Procedures);
            foreach (var procedure in e.Procedures)
            {
                writer.WriteStartObject();
                Text(writer, Spat, procedure.Spat);
                Text(writer, OralProcedure, procedure.OralProcedure);
                Text(writer, Tooth, procedure.Tooth);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteMedications(writer, e.Medications);
        if (e.HealthFactors is { } factors)
        {
            writer.WriteStartObject(HealthFactors);
            Number(writer, DecayedPermanentTeeth, factors.DecayedPermanentTeeth);
            Number(writer, MissingPermanentTeeth, factors.MissingPermanentTeeth);
            Number(writer, FilledPermanentTeeth, factors.FilledPermanentTeeth);
            Number(writer, DecayedPrimaryTeeth, factors.DecayedPrimaryTeeth);
            Number(writer, MissingPrimaryTeeth, factors.MissingPrimaryTeeth);
            Number(writer, FilledPrimaryTeeth, factors.FilledPrimaryTeeth);
            Text(writer, GumStatus, factors.GumStatus);
            Number(writer, Weight, factors.WeightGrams);
            Number(writer, Height, factors.HeightMillimetres);
            Text(writer, Smoking, factors.Smoking);
            writer.WriteEndObject();
        }

        if (!e.FollowUpCare.IsDefaultOrEmpty)
        {
            writer.WriteStartArray(FollowUpCare);
            foreach (var code in e.FollowUpCare)
            {
                writer.WriteStringValue(code);
            }

            writer.WriteEndArray();
        }

        if (e.Cancellation is { } cancellation)
        {
            writer.WriteStartObject(Cancellation);
            LocalTime(writer, Time, cancellation.Time);
            Text(writer, CancellationReason, cancellation.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
