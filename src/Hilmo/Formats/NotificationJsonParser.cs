using System.Text.Json;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// Reads one record of any register from its JSON text, choosing the parser by the record's
/// <c>rekisteri</c> member: absent or <c>avohilmo</c> a service event, <c>terveyshilmo</c> or
/// <c>sosiaalihilmo</c> a care period.
/// </summary>
/// <remarks>
/// AvoHILMO records, the bulk of the register, pay one vectorised search for the bytes
/// <c>"rekisteri"</c> and nothing more. Only a record that holds them is tokenised once more to
/// read that member at the top level. One instance per thread.
/// </remarks>
public sealed class NotificationJsonParser(SubmissionLimits limits)
{
    private readonly ServiceEventJsonParser serviceEvents = new(limits);
    private readonly CarePeriodJsonParser periods = new(limits);
    private readonly JsonReaderOptions options = new() { MaxDepth = limits.MaxDepth + 2, CommentHandling = JsonCommentHandling.Disallow };

    public NotificationJsonParser()
        : this(SubmissionLimits.Default)
    {
    }

    /// <summary>Reads the record in <paramref name="json"/>, which holds exactly one JSON value.</summary>
    public ParsedRecord Parse(ReadOnlySpan<byte> json, long index, TextPosition? position)
    {
        if (PeriodRegisterOf(json) is { } register)
        {
            return periods.Parse(json, index, position, register);
        }

        var parsed = serviceEvents.Parse(json, index, position);

        // A member name written with escapes escapes the quick look; the record is read again.
        return serviceEvents.NamedOtherRegister is { } named ? periods.Parse(json, index, position, named) : parsed;
    }

    /// <summary>
    /// The period register named by the record's top-level <c>rekisteri</c>, or null for
    /// AvoHILMO and for anything unclear (no such member, a wrong type, an unknown name, broken
    /// JSON), which the AvoHILMO parser then reads and reports.
    /// </summary>
    private Register? PeriodRegisterOf(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\"rekisteri\""u8) < 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json, options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRegister = reader.ValueTextEquals("rekisteri"u8);
                reader.Read();
                if (isRegister)
                {
                    return reader.TokenType != JsonTokenType.String ? null
                        : reader.ValueTextEquals("terveyshilmo"u8) ? Register.TerveysHilmo
                        : reader.ValueTextEquals("sosiaalihilmo"u8) ? Register.Sosiaalihilmo
                        : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // The AvoHILMO parser reports the fault with its position.
        }

        return null;
    }
}
