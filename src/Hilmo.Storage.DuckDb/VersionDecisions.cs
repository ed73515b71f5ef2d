namespace Hilmo.Storage.DuckDb;

/// <summary>
/// The SQL of a unit's commit, in one place. The unit's versions are the rows of the version
/// tables from <c>$first</c> on, and those in staging; the temporary tables <c>unit_kept</c>,
/// <c>unit_history</c> and <c>unit_replaced</c> hold the version ids of the decisions made in memory.
/// </summary>
internal static class VersionDecisions
{
    /// <summary>
    /// For each version of the unit whose key the store already held: the content hash of a stored
    /// version with the same update time, and the key's current stored version. Keys new to the
    /// store give no row, so a first load costs one scan.
    /// </summary>
    public const string StoredMatches = """
        WITH unit AS (
            SELECT version_id, register, provider, record_id, updated_at FROM event_versions WHERE version_id >= $first),
        """ + StoredAndKnown;

    /// <inheritdoc cref="StoredMatches"/>
    public const string StoredMatchesWithStaging = """
        WITH unit AS (
            SELECT version_id, register, provider, record_id, updated_at FROM event_versions WHERE version_id >= $first
            UNION ALL
            SELECT version_id, register, provider, record_id, updated_at FROM staged_event_versions),
        """ + StoredAndKnown;

    private const string StoredAndKnown = """
        stored AS (
            SELECT v.version_id, v.register, v.provider, v.record_id, v.updated_at, v.content_hash,
                   v.current_from IS NOT NULL AND v.current_until IS NULL AS is_current
            FROM event_versions v
            SEMI JOIN unit u ON v.provider = u.provider AND v.record_id = u.record_id AND v.register = u.register
            WHERE v.version_id < $first),
        known AS (SELECT DISTINCT register, provider, record_id FROM stored)
        SELECT u.version_id, same.content_hash, cur.updated_at, cur.version_id
        FROM unit u
        JOIN known k ON k.provider = u.provider AND k.record_id = u.record_id AND k.register = u.register
        LEFT JOIN stored same ON same.provider = u.provider AND same.record_id = u.record_id AND same.register = u.register AND same.updated_at = u.updated_at
        LEFT JOIN stored cur ON cur.provider = u.provider AND cur.record_id = u.record_id AND cur.register = u.register AND cur.is_current
        """;

    /// <summary>Copies the staged versions that are kept, with their groups.</summary>
    public const string CopyKept = """
        INSERT INTO event_versions SELECT s.* FROM staged_event_versions s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO event_reasons SELECT s.* FROM staged_event_reasons s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO event_procedures SELECT s.* FROM staged_event_procedures s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO event_medications SELECT s.* FROM staged_event_medications s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO event_health_factors SELECT s.* FROM staged_event_health_factors s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO event_follow_ups SELECT s.* FROM staged_event_follow_ups s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO period_versions SELECT s.* FROM staged_period_versions s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO period_diagnoses SELECT s.* FROM staged_period_diagnoses s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO period_procedures SELECT s.* FROM staged_period_procedures s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO period_reasons SELECT s.* FROM staged_period_reasons s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        """;

    /// <summary>History and superseded versions are kept but were never current.</summary>
    public const string MarkHistory = """
        UPDATE event_versions SET current_from = NULL
        WHERE version_id >= $first AND version_id IN (SELECT version_id FROM unit_history)
        """;

    /// <summary>A stored version replaced by one of the unit stops being current at the unit's receipt time.</summary>
    public const string CloseReplaced = """
        UPDATE event_versions SET current_until = $receipt
        WHERE version_id IN (SELECT version_id FROM unit_replaced)
        """;
}
