namespace Hilmo.Storage;

/// <summary>
/// A report query the store stopped because it needed more than a report may have: memory
/// (DuckDB's limit, PostgreSQL's <c>work_mem</c> and temporary files) or time (PostgreSQL's
/// <c>statement_timeout</c>). Nothing is wrong with the request or the register; the server
/// answers 503 with Retry-After, and submissions go on, since their memory and connections are
/// not the reports'.
/// </summary>
public sealed class ReportCapacityException(string message, Exception inner) : Exception(message, inner);
