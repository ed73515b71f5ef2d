using System.Collections.Immutable;
using System.Text.Json;
using Hilmo.Notifications;

namespace Hilmo.Formats;

/// <summary>
/// Writes any record in the JSON wire format of its register: a service event as AvoHILMO has
/// always been written (no <c>rekisteri</c>, so old files and hashes stay as they were), a care
/// period with <c>rekisteri</c> first. The one entry point for files, exports and the canonical
/// form a version's content hash is taken of.
/// </summary>
public static class NotificationJsonWriter
{
    /// <summary>The options every wire writer uses (<see cref="ServiceEventJsonWriter.WriterOptions"/>).</summary>
    public static JsonWriterOptions WriterOptions => ServiceEventJsonWriter.WriterOptions;

    private static readonly JsonEncodedText RecordId = JsonEncodedText.Encode(WireNames.RecordId);
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode(WireNames.UpdatedAt);
    private static readonly JsonEncodedText Withdrawn = JsonEncodedText.Encode(WireNames.Withdrawn);
    private static readonly JsonEncodedText Client = JsonEncodedText.Encode(WireNames.Client);
    private static readonly JsonEncodedText IdentityCode = JsonEncodedText.Encode(WireNames.IdentityCode);
    private static readonly JsonEncodedText HomeMunicipality = JsonEncodedText.Encode(WireNames.HomeMunicipality);
    private static readonly JsonEncodedText PostalCode = JsonEncodedText.Encode(WireNames.PostalCode);
    private static readonly JsonEncodedText Provider = JsonEncodedText.Encode(WireNames.Provider);
    private static readonly JsonEncodedText Unit = JsonEncodedText.Encode(WireNames.Unit);
    private static readonly JsonEncodedText Medications = JsonEncodedText.Encode(WireNames.Medications);
    private static readonly JsonEncodedText Atc = JsonEncodedText.Encode(WireNames.Atc);
    private static readonly JsonEncodedText AtcDescription = JsonEncodedText.Encode(WireNames.AtcDescription);
    private static readonly JsonEncodedText PackageNumber = JsonEncodedText.Encode(WireNames.PackageNumber);
    private static readonly JsonEncodedText TradeName = JsonEncodedText.Encode(WireNames.TradeName);
    private static readonly JsonEncodedText PrescribedAt = JsonEncodedText.Encode(WireNames.PrescribedAt);
    private static readonly JsonEncodedText Vaccination = JsonEncodedText.Encode(WireNames.Vaccination);
    private static readonly JsonEncodedText BatchNumber = JsonEncodedText.Encode(WireNames.BatchNumber);
    private static readonly JsonEncodedText DoseNumber = JsonEncodedText.Encode(WireNames.DoseNumber);
    private static readonly JsonEncodedText Route = JsonEncodedText.Encode(WireNames.Route);
    private static readonly JsonEncodedText InjectionSite = JsonEncodedText.Encode(WireNames.InjectionSite);

    /// <summary>Writes <paramref name="notification"/> as one JSON object, with the identity code when one is given.</summary>
    public static void Write(Utf8JsonWriter writer, Notification notification, IdentityCodeText? identityCode = null)
    {
        switch (notification)
        {
            case ServiceEvent serviceEvent:
                ServiceEventJsonWriter.Write(writer, serviceEvent, identityCode);
                break;
            case CarePeriod period:
                CarePeriodJsonWriter.Write(writer, period, identityCode);
                break;
            default:
                throw new ArgumentException($"No wire format for {notification.GetType().Name}.", nameof(notification));
        }
    }

    /// <summary>Writes <paramref name="submitted"/> with its identity code.</summary>
    public static void Write(Utf8JsonWriter writer, SubmittedNotification submitted) =>
        Write(writer, submitted.Notification, submitted.IdentityCode);

    /// <summary>The members every register's record begins with: key, version, client, provider and unit.</summary>
    internal static void WriteCommon(Utf8JsonWriter writer, Notification record, IdentityCodeText? identityCode)
    {
        Text(writer, RecordId, record.RecordId);
        LocalTime(writer, UpdatedAt, record.UpdatedAt);
        if (record.Withdrawn)
        {
            writer.WriteBoolean(Withdrawn, true);
        }

        if (identityCode is not null || record.Client?.HomeMunicipality is not null || record.Client?.PostalCode is not null)
        {
            writer.WriteStartObject(Client);
            if (identityCode is { } code)
            {
                writer.WriteString(IdentityCode, code.Reveal());
            }

            Text(writer, HomeMunicipality, record.Client?.HomeMunicipality);
            Text(writer, PostalCode, record.Client?.PostalCode);
            writer.WriteEndObject();
        }

        Text(writer, Provider, record.Provider);
        Text(writer, Unit, record.Unit);
    }

    /// <summary>The <c>laakitys</c> array, the same in AvoHILMO and Terveys-Hilmo.</summary>
    internal static void WriteMedications(Utf8JsonWriter writer, ImmutableArray<Medication> medications)
    {
        if (medications.IsDefaultOrEmpty)
        {
            return;
        }

        writer.WriteStartArray(Medications);
        foreach (var medication in medications)
        {
            writer.WriteStartObject();
            Text(writer, Atc, medication.Atc);
            Text(writer, AtcDescription, medication.AtcDescription);
            Text(writer, PackageNumber, medication.PackageNumber);
            Text(writer, TradeName, medication.TradeName);
            LocalTime(writer, PrescribedAt, medication.PrescribedAt);
            if (medication.Vaccination is { } vaccination)
            {
                writer.WriteBoolean(Vaccination, vaccination);
            }

            Text(writer, BatchNumber, medication.BatchNumber);
            Text(writer, DoseNumber, medication.DoseNumber);
            Text(writer, Route, medication.Route);
            Text(writer, InjectionSite, medication.InjectionSite);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static void Text(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    internal static void Number(Utf8JsonWriter writer, JsonEncodedText name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>
    /// A decimal without trailing zeros, so 182.5 and 182.50 (equal values) are written, and
    /// hashed, alike.
    /// </summary>
    internal static void Number(Utf8JsonWriter writer, JsonEncodedText name, decimal? value)
    {
        if (value is { } number)
        {
            // Dividing by one with 28 zero decimals drops the scale to the least that holds the value.
            writer.WriteNumber(name, number / 1.0000000000000000000000000000m);
        }
    }

    internal static void Boolean(Utf8JsonWriter writer, JsonEncodedText name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    internal static void LocalTime(Utf8JsonWriter writer, JsonEncodedText name, DateTime? value)
    {
        if (value is { } time)
        {
            Span<byte> text = stackalloc byte[LocalDateTimeText.MaxFormattedLength];
            writer.WriteString(name, text[..LocalDateTimeText.Format(time, text)]);
        }
    }

    internal static void LocalDate(Utf8JsonWriter writer, JsonEncodedText name, DateOnly? value)
    {
        if (value is { } date)
        {
            Span<byte> text = stackalloc byte[LocalDateText.Length];
            LocalDateText.Format(date, text);
            writer.WriteString(name, text);
        }
    }
}
