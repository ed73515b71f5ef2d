namespace Hilmo.Codes;

/// <summary>One code of a classification, as its source gives it.</summary>
/// <param name="Code">The code exactly as the source writes it (<c>J06.9</c>, <c>SPAT1010</c>, <c>091</c>).</param>
/// <param name="Name">Names; Finnish always, Swedish and English where the source has them.</param>
/// <param name="Parent">The code one level up, if the classification is hierarchical.</param>
/// <param name="Level">Hierarchy level, 0 at the top.</param>
/// <param name="ValidFrom">First day of validity; null means "from the start".</param>
/// <param name="ValidTo">Last day of validity; null means open-ended.</param>
/// <param name="Attributes">The source's further columns by name (<c>follow_up</c>, <c>combination_mark</c> ...).</param>
public sealed record CodeEntry(
    string Code,
    LocalizedText Name,
    string? Parent,
    int? Level,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Attribute that marks a SPAT code usable as follow-up care (<c>jatkohoito</c>).</summary>
    public const string FollowUpAttribute = "follow_up";

    /// <summary>
    /// Attribute of an ICD-10 code that pairs with another code: <c>+</c> (dagger, the cause),
    /// <c>*</c> (asterisk, the manifestation), <c>#</c> or <c>&amp;</c>, as THL's <c>Yhdistelymerkki</c>.
    /// </summary>
    public const string CombinationMarkAttribute = "combination_mark";

    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is null || ValidFrom.Value <= date) && (ValidTo is null || date <= ValidTo.Value);

    /// <summary>True for SPAT codes the source marks for follow-up care.</summary>
    public bool IsFollowUp =>
        Attributes.TryGetValue(FollowUpAttribute, out var flag) && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
}
