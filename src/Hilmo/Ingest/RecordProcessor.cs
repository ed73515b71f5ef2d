using Hilmo.Formats;
using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Validation;

namespace Hilmo.Ingest;

/// <summary>
/// The per-record work of ingest, for a record of any register: parse, validate, pseudonymise, hash. One instance per worker
/// thread; it reuses its parser, finding list and hash buffer record after record.
/// </summary>
internal sealed class RecordProcessor(NotificationValidator validator, IPseudonymiser pseudonymiser, SubmissionLimits limits)
{
    private readonly NotificationJsonParser parser = new(limits);
    private readonly RecordFindings findings = new();
    private readonly ContentHash hasher = new();

    public ProcessedBatch Process(long sequence, RecordBatch batch)
    {
        var valid = new List<IndexedRecord>(batch.Count);
        var batchFindings = new List<Finding>();
        var rejected = 0;
        foreach (var item in batch.Items)
        {
            var parsed = item.Parsed ?? parser.Parse(batch.TextOf(item), item.Index, item.Position);
            var registered = Process(parsed);
            if (registered is null)
            {
                rejected++;
            }
            else
            {
                valid.Add(new IndexedRecord(item.Index, registered));
            }

            batchFindings.AddRange(findings.ToArray(parsed.RecordId, parsed.Provider));
        }

        return new ProcessedBatch(sequence, batch.Count, rejected, valid, batchFindings, batch.SubmissionError);
    }

    /// <summary>The record ready for the register, or null when it has errors (which are then in <see cref="findings"/>).</summary>
    private RegisteredNotification? Process(ParsedRecord parsed)
    {
        findings.Begin(parsed.Index);
        findings.AddRange(parsed.Findings);
        if (parsed.Submitted is not { } submitted)
        {
            return null;
        }

        validator.Validate(submitted, findings);
        var e = submitted.Notification;
        ClientIdentity? client = null;

        // Pseudonymise even a record with other errors, so its feedback is complete in one round.
        // Every register's record is pseudonymised the same way, on its reference date, so a
        // person's visits and periods at one provider share the pseudonym.
        // Only with a key the pseudonymiser can use: an empty provider or record id is already an
        // error (REQ-001) and would make it throw, a 500 for the whole file.
        if (submitted.IdentityCode is { } identityCode && e.Provider is { Length: > 0 } provider && !string.IsNullOrWhiteSpace(provider)
            && e.RecordId is { Length: > 0 } recordId && !string.IsNullOrWhiteSpace(recordId))
        {
            var result = pseudonymiser.Pseudonymise(provider, recordId, identityCode, AgeDays.Of(e));
            if (result.Error is { } error)
            {
                findings.Add(error, WireNames.Client + "." + WireNames.IdentityCode);
            }

            client = result.Client;
        }

        // Only the identity code knows the birth date, and the client has no age on an arrival
        // day before it; social-care periods may have begun decades ago.
        if (e is CarePeriod { ArrivalDate: not null } && client is { Temporary: false, Ages.AtArrival: null })
        {
            findings.Add(FindingCatalogue.ArrivalBeforeBirth, WireNames.ArrivalDate);
        }

        return findings.HasErrors ? null : new RegisteredNotification(e, client, hasher.Compute(e, client));
    }
}

/// <summary>A batch after the workers: its valid records and the findings of all its records.</summary>
internal sealed record ProcessedBatch(
    long Sequence,
    int Received,
    int Rejected,
    List<IndexedRecord> Valid,
    List<Finding> Findings,
    Finding? SubmissionError);
