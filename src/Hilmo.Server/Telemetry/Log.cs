namespace Hilmo.Server.Telemetry;

/// <summary>
/// Everything the server logs, in one place. Records are named by submission id and counts only:
/// no field of a record, and so never an identity code, reaches a log.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Submission {SubmissionId} from {Actor} ({Format}): received {Received}, accepted {Accepted}, rejected {Rejected}, duplicates {Duplicates} in {Milliseconds} ms")]
    public static partial void SubmissionStored(ILogger logger, long? submissionId, string actor, string format, long received, long accepted, long rejected, long duplicates, long milliseconds);

    [LoggerMessage(2, LogLevel.Warning, "Submission {SubmissionId} from {Actor} refused: {Code} {Problem}")]
    public static partial void SubmissionRefused(ILogger logger, long? submissionId, string actor, string code, string problem);

    [LoggerMessage(3, LogLevel.Information, "Submission {SubmissionId} from {Actor} abandoned: the client closed the connection; nothing was stored")]
    public static partial void SubmissionAbandoned(ILogger logger, long? submissionId, string actor);

    [LoggerMessage(4, LogLevel.Warning, "{Actor} was refused {Action} {Target}")]
    public static partial void AccessDenied(ILogger logger, string actor, string action, string target);

    // Store faults (issue 18): numbered apart, so other messages may be added without a clash.
    [LoggerMessage(1801, LogLevel.Error, "The store is unavailable ({Reason}) for {Path}; answered with a problem and Retry-After")]
    public static partial void StoreUnavailable(ILogger logger, string reason, string path);

    [LoggerMessage(1802, LogLevel.Error, "Submission {SubmissionId} from {Actor} failed: the store is unavailable ({Reason}); nothing was stored")]
    public static partial void SubmissionFailed(ILogger logger, long? submissionId, string actor, string reason, Exception exception);

    [LoggerMessage(1803, LogLevel.Error, "The audit entry of failed submission {SubmissionId} could not be written")]
    public static partial void FailureNotAudited(ILogger logger, long? submissionId, Exception exception);
}
