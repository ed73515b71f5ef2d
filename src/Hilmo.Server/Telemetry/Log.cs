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
}
