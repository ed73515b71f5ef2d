namespace Hilmo.Storage.Postgres;

/// <summary>
/// What one report query may take on PostgreSQL. Reports run on a connection pool of their own,
/// so however many are asked for, the submissions' connections stay free, and each statement is
/// bounded in time and in memory: past <see cref="WorkMem"/> a sort or hash goes to a temporary
/// file, past <see cref="StatementTimeout"/> the statement is stopped and the caller told to come
/// back later (503), never a server error.
/// </summary>
public sealed record PostgresReportLimits
{
    /// <summary>Longest a report statement may run (<c>statement_timeout</c>).</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Memory per sort or hash of a report statement (<c>work_mem</c>), e.g. <c>64MB</c>.</summary>
    public string WorkMem { get; init; } = "64MB";

    /// <summary>Connections the reports' pool holds at most.</summary>
    public int Connections { get; init; } = 4;

    public static PostgresReportLimits Default { get; } = new();
}
