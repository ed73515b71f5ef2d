namespace Hilmo.Audit;

/// <summary>
/// Why the register does what it logs: the legal basis or purpose written with each audit entry,
/// one wording whichever way (server, web page or command line) the thing was done.
/// </summary>
public static class AuditReasons
{
    public const string Notification = "notification duty to the national register (Act on THL 668/2008)";

    public const string Feedback = "feedback on a submission to its submitter";

    public const string RegisterKeeping = "register keeping";

    public const string Supervision = "supervision of providers by the supervising authority (Act on the Supervision of Social and Health Care 741/2023)";

    public const string OwnStatistics = "statistics on data the reader is entitled to (own organisation, or register keeping)";

    public const string SubjectRequest = "the data subject's right of access (GDPR art. 15; Client Data Act 703/2023, ss. 105-106)";

    /// <summary>A request refused because the caller is not signed in or not allowed: logged whatever it asked for.</summary>
    public const string AccessControl = "access control: a refused request";

    /// <summary>Generated records with no real person behind them, stored so that every page has something to show.</summary>
    public const string Demonstration = "demonstration data (generated; no real persons)";
}
