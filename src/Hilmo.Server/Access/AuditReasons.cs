namespace Hilmo.Server.Access;

/// <summary>Why the register does what it logs: the legal basis or purpose written with each audit entry.</summary>
internal static class AuditReasons
{
    public const string Notification = "notification duty to the national register (Act on THL 668/2008)";

    public const string Feedback = "feedback on a submission to its submitter";

    public const string RegisterKeeping = "register keeping";

    public const string Supervision = "supervision of providers by the supervising authority (Act on the Supervision of Social and Health Care 741/2023)";

    public const string OwnStatistics = "statistics on data the reader is entitled to (own organisation, or register keeping)";
}
