namespace Hilmo.Storage.Postgres;

/// <summary>
/// The SQL of a unit's commit, set-based over the staged versions (<see cref="UnitStaging"/>). The
/// rules are the register's (README, "Versions"), the same the embedded store applies in memory:
/// a key and update time already stored, or earlier in the unit, makes a duplicate (same content
/// hash) or a conflict (other content); a version older than the stored current one is history;
/// of the rest, each key's newest becomes current and the others are superseded. A withdrawal of a
/// key with no other version anywhere is flagged as unknown. Parameters: <c>$1</c> the unit's first
/// version id (a kept version's id is it plus its position), <c>$2</c> the submission, <c>$3</c> the
/// receipt time. Only the versions that need judging are staged: those whose key may be stored
/// (<see cref="StoredKeyFilter"/>) and every version of a key the unit has more than once. Any
/// other version is new and alone, so it simply becomes current (and is an unknown withdrawal if
/// it withdraws): in a typical unit that is nearly every version, copied straight into
/// <c>event_versions</c> (<see cref="UnitStaging.VersionRows"/>). Judging the whole unit (sorting
/// it by key for the window functions, writing every outcome) cost more than storing it.
/// </summary>
internal static class UnitMerge
{
    /// <summary>
    /// Takes the store's clock and version counter for the unit, and with them the lock that makes
    /// commits one at a time across every process writing this store (the row stays locked until the
    /// unit commits): receipt times strictly increase, to the microsecond, even for units stored in
    /// the same microsecond or after a clock stepped back. <c>$1</c> now, <c>$2</c> the unit's size.
    /// </summary>
    public const string TakeClock = """
        UPDATE register_clock
        SET last_receipt = greatest($1, last_receipt + interval '1 microsecond'), next_version = next_version + $2
        RETURNING last_receipt, next_version - $2
        """;

    /// <summary>Decides the outcome of each staged version, into <c>unit_outcomes</c>.</summary>
    public const string Judge = """
        INSERT INTO unit_outcomes (position, outcome, replaced_version, replaced_received_at, unknown_withdrawal)
        WITH unit AS (
            SELECT position, register, provider, record_id, updated_at, content_hash, withdrawn,
                   first_value(content_hash) OVER same_time AS first_hash,
                   row_number() OVER same_time AS nth_at_time,
                   count(*) OVER (PARTITION BY register, provider, record_id) AS versions_of_key
            FROM staged_versions
            WINDOW same_time AS (PARTITION BY register, provider, record_id, updated_at ORDER BY position)),
        stored AS (
            SELECT v.version_id, v.received_at, v.register, v.provider, v.record_id, v.updated_at, v.content_hash,
                   v.current_from IS NOT NULL AND v.current_until IS NULL AS is_current
            FROM (SELECT DISTINCT register, provider, record_id FROM unit) k
            -- By index, key by key: a hash join would scan every stored version for each unit.
            -- OFFSET 0 keeps the planner from flattening the lateral subquery into such a join.
            CROSS JOIN LATERAL (
                SELECT * FROM event_versions v
                WHERE v.provider = k.provider AND v.record_id = k.record_id AND v.register = k.register
                OFFSET 0) v),
        known AS (SELECT DISTINCT register, provider, record_id FROM stored),
        judged AS (
            SELECT u.position, u.register, u.provider, u.record_id, u.updated_at, u.withdrawn, u.versions_of_key,
                   cur.version_id AS current_version, cur.received_at AS current_received_at,
                   k.provider IS NOT NULL AS known,
                   CASE
                       WHEN same.content_hash IS NOT NULL THEN CASE WHEN same.content_hash = u.content_hash THEN 'duplicate' ELSE 'conflict' END
                       WHEN u.nth_at_time > 1 THEN CASE WHEN u.first_hash = u.content_hash THEN 'duplicate' ELSE 'conflict' END
                       WHEN cur.updated_at IS NOT NULL AND u.updated_at < cur.updated_at THEN 'history'
                       ELSE 'superseded'
                   END AS outcome
            FROM unit u
            LEFT JOIN stored same ON same.register = u.register AND same.provider = u.provider AND same.record_id = u.record_id AND same.updated_at = u.updated_at
            LEFT JOIN stored cur ON cur.register = u.register AND cur.provider = u.provider AND cur.record_id = u.record_id AND cur.is_current
            LEFT JOIN known k ON k.register = u.register AND k.provider = u.provider AND k.record_id = u.record_id),
        decided AS (
            SELECT j.*, j.outcome = 'superseded'
                        AND j.updated_at = max(j.updated_at) FILTER (WHERE j.outcome = 'superseded') OVER (PARTITION BY j.register, j.provider, j.record_id) AS wins
            FROM judged j)
        SELECT position,
               CASE WHEN wins THEN 'current' ELSE outcome END,
               CASE WHEN wins THEN current_version END,
               CASE WHEN wins THEN current_received_at END,
               versions_of_key = 1 AND withdrawn AND NOT known
        FROM decided
        """;

    /// <summary>
    /// Statistics of the outcomes, so the planner sees how few versions a unit replaces and closes
    /// them by index; without them it guesses half the unit and scans every stored version.
    /// </summary>
    public const string Analyze = "ANALYZE unit_outcomes";

    /// <summary>Copies the judged versions that are kept on; only the current ones are current from the receipt time.</summary>
    public const string InsertVersions = $"""
        INSERT INTO event_versions (version_id, submission_id, received_at, current_from, current_until, {UnitStaging.VersionColumns})
        SELECT $1 + s.position, $2, $3, CASE WHEN o.outcome = 'current' THEN $3 END, NULL, {UnitStaging.VersionColumns}
        FROM staged_versions s JOIN unit_outcomes o USING (position)
        WHERE o.outcome IN ('current', 'history', 'superseded')
        """;

    /// <summary>
    /// A stored version replaced by one of the unit stops being current at the unit's receipt time.
    /// Version ids are unique, so the receipt times only prune partitions. As arrays, not a join:
    /// over a partition not yet analysed the planner chose a hash join that scanned every stored
    /// version for the unit's few thousand replaced ones, its cost growing with the register.
    /// </summary>
    public const string CloseReplaced = """
        UPDATE event_versions v SET current_until = $3
        WHERE v.version_id = ANY (ARRAY(SELECT replaced_version FROM unit_outcomes WHERE replaced_version IS NOT NULL))
          AND v.received_at = ANY (ARRAY(SELECT DISTINCT replaced_received_at FROM unit_outcomes WHERE replaced_version IS NOT NULL))
        """;

    /// <summary>Every judged version that did not simply become current, in unit order; the writer adds the unjudged withdrawals.</summary>
    public const string Remarks = """
        SELECT position, outcome, unknown_withdrawal
        FROM unit_outcomes
        WHERE outcome <> 'current' OR unknown_withdrawal
        ORDER BY position
        """;
}
